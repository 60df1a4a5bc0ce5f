using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PbxGrains.Host.Health;

namespace PbxGrains.Tests.Surfaces.Hosting;

/// <summary>Readiness turns false at the start of shutdown, so Kubernetes stops sending work before the silo leaves.</summary>
public sealed class ShutdownReadinessTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ready_turns_unhealthy_as_soon_as_the_application_starts_stopping()
    {
        var lifetime = new SteppedLifetime();
        var check = new ShutdownHealthCheck(lifetime);

        var running = await check.CheckHealthAsync(new HealthCheckContext(), Cancellation);
        lifetime.BeginStopping();
        var stopping = await check.CheckHealthAsync(new HealthCheckContext(), Cancellation);

        Assert.Equal(HealthStatus.Healthy, running.Status);
        Assert.Equal(HealthStatus.Unhealthy, stopping.Status);
        Assert.Contains("stopping", stopping.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shutdown_check_is_one_of_the_ready_checks()
    {
        using var services = new ServiceCollection().AddPbxHealth().BuildServiceProvider();

        var registrations = services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations;

        var shutdown = Assert.Single(registrations, r => r.Name == "shutdown");
        Assert.Contains("ready", shutdown.Tags);
        Assert.IsType<ShutdownHealthCheck>(shutdown.Factory(new ServiceCollection().AddSingleton<IHostApplicationLifetime>(new SteppedLifetime()).BuildServiceProvider()));
    }

    /// <summary>A lifetime the test moves into stopping by hand (the host's own fires when SIGTERM arrives).</summary>
    private sealed class SteppedLifetime : IHostApplicationLifetime, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new();

        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => _stopping.Token;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void BeginStopping() => _stopping.Cancel();

        public void StopApplication() => BeginStopping();

        public void Dispose() => _stopping.Dispose();
    }
}
