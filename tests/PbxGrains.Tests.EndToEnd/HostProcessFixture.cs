using System.Reflection;
using PbxGrains.Tests.Shared.Processes;

namespace PbxGrains.Tests.EndToEnd;

/// <summary>
/// Starts the real host (the built PbxGrains.Host.dll) as a child process on free loopback ports, waits until it is
/// ready, and kills it at the end. Its console output is kept so a failing test can show it.
/// </summary>
public sealed class HostProcessFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartupLimit = TimeSpan.FromSeconds(90);

    private HostProcess? _host;

    private HostProcess Host => _host ?? throw new InvalidOperationException("The host is not started.");

    public HttpClient Http => Host.Http;

    public Uri BaseAddress => Host.BaseAddress;

    public string Output => Host.Output;

    public async ValueTask InitializeAsync()
    {
        var host = typeof(HostProcessFixture).Assembly.GetCustomAttribute<HostBuildAttribute>()!.Path;
        _host = HostProcess.Start(host, new Dictionary<string, string>
        {
            ["Orleans:SiloPort"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            // The event socket and the manager socket on free ports too, so a host already running here does not matter.
            ["Escaux:EventSocket:Port"] = "0",
            ["Pbx:Ami:Port"] = "0",
        });
        await _host.WaitReadyAsync(StartupLimit, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class HostCollection : ICollectionFixture<HostProcessFixture>
{
    public const string Name = "host process";
}
