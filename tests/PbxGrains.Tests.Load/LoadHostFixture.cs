using PbxGrains.Load.Hosting;

namespace PbxGrains.Tests.Load;

/// <summary>One host process for every smoke run (each scenario uses its own tenant ids), started the suite's own way.</summary>
public sealed class LoadHostFixture : IAsyncLifetime
{
    public HostUnderTest Host { get; private set; } = null!;

    public async ValueTask InitializeAsync() =>
        Host = await HostUnderTest.StartAsync(HostUnderTest.DefaultHostDll(), new Dictionary<string, string>(), TextWriter.Null, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class LoadHostCollection : ICollectionFixture<LoadHostFixture>
{
    public const string Name = "load host";
}
