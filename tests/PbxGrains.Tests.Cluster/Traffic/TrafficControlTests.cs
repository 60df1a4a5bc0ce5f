using PbxGrains.Abstractions.Model;
using PbxGrains.Tests.Cluster.Infrastructure;
using static PbxGrains.Tests.Cluster.Traffic.TrafficSetup;

namespace PbxGrains.Tests.Cluster.Traffic;

/// <summary>Starting, stopping and re-rating generators without the clock moving (with it: <see cref="SteppedTrafficControlTests"/>).</summary>
public sealed class TrafficControlTests(ClusterFixture fixture) : TrafficTest(fixture)
{
    [Fact]
    public async Task Stopping_or_starting_twice_is_harmless()
    {
        var (_, generator) = await LoadWithAsync(QueueTenant(NewTenantId(), Inbound("calls", callsPerHour: 60)), "calls");

        TestTenant.Ok(await generator.StartAsync(), "start a running generator");
        var running = await generator.GetAsync();
        TestTenant.Ok(await generator.StopAsync(), "stop");
        TestTenant.Ok(await generator.StopAsync(), "stop again");

        Assert.NotNull(running.NextArrival);
        Assert.False((await generator.GetAsync()).Running);
    }

    [Fact]
    public async Task A_rate_change_on_a_stopped_generator_is_kept_for_when_it_starts()
    {
        var (_, generator) = await LoadWithAsync(QueueTenant(NewTenantId(), Inbound("calls", callsPerHour: 60) with { Enabled = false }), "calls");

        TestTenant.Ok(await generator.SetRateAsync(120), "rate 120");

        var view = await generator.GetAsync();
        Assert.Equal((false, 120.0, (DateTimeOffset?)null), (view.Running, view.Config.CallsPerHour, view.NextArrival));
        TestTenant.Ok(await generator.StartAsync(), "start");
        Assert.NotNull((await generator.GetAsync()).NextArrival);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(1_000_001)]
    [InlineData(double.PositiveInfinity)]
    public async Task An_invalid_rate_is_refused_and_the_rate_stays(double rate)
    {
        var (_, generator) = await LoadWithAsync(QueueTenant(NewTenantId(), Inbound("calls", callsPerHour: 60)), "calls");

        var result = await generator.SetRateAsync(rate);

        Assert.Equal(DomainError.InvalidArgument, result.Error);
        Assert.StartsWith("callsPerHour: ", result.Detail);
        Assert.Equal(60, (await generator.GetAsync()).Config.CallsPerHour);
    }

    [Fact]
    public async Task An_unknown_generator_is_not_found()
    {
        var t = await LoadTrackedAsync(QueueTenant(NewTenantId()));
        var generator = Pbx.Traffic(t.Id, "nobody");

        Assert.False((await generator.GetAsync()).Exists);
        Assert.Equal(DomainError.TrafficNotFound, (await generator.StartAsync()).Error);
        Assert.Equal(DomainError.TrafficNotFound, (await generator.StopAsync()).Error);
        Assert.Equal(DomainError.TrafficNotFound, (await generator.SetRateAsync(60)).Error);
        Assert.False((await generator.GetAsync()).Exists);
    }
}
