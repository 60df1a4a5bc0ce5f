using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using PbxGrains.Tests.Shared;

namespace PbxGrains.Tests.Surfaces.DocumentExamples;

/// <summary>
/// The host as <c>dotnet run --project src/PbxGrains.Host</c> starts it — its own Program, its appsettings.json, the
/// repository's scenarios, real time, traffic running — on a test server in this process. Only the ports differ (a
/// host already running on this machine does not matter): Orleans' silo and gateway ports and the event socket's.
/// </summary>
public sealed class DefaultHostFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    private static readonly TimeSpan StartupLimit = TimeSpan.FromSeconds(90);

    public HttpClient Http { get; private set; } = null!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // `dotnet run` without a launch profile runs the Production environment; the factory's default is Development.
        builder.UseEnvironment("Production");
        builder.UseFreePorts();
    }

    public async ValueTask InitializeAsync()
    {
        Http = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var limit = new CancellationTokenSource(StartupLimit);
        foreach (var probe in (string[])["/health/startup", "/health/ready"])
        {
            // The start-up scenarios are loaded once /health/startup answers 200.
            while (true)
            {
                using var answer = await Http.GetAsync(probe, limit.Token);
                if (answer.StatusCode == HttpStatusCode.OK)
                {
                    break;
                }

                await Task.Delay(100, limit.Token);
            }
        }
    }

    public override async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

[CollectionDefinition(Name)]
public sealed class DefaultHostCollection : ICollectionFixture<DefaultHostFixture>
{
    public const string Name = "default host";
}
