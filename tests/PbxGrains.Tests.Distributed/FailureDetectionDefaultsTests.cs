using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using PbxGrains.Host.Hosting;

namespace PbxGrains.Tests.Distributed;

/// <summary>
/// How fast a Redis cluster gives up on a lost silo (load/README.md, "Silo loss under the queue poll", has the
/// measurements behind the values): shorter probes, no directory hold on a dead silo's grains, a gateway list read
/// every few seconds; a single development silo keeps Orleans' own; any of them can be set back by configuration.
/// </summary>
public sealed class FailureDetectionDefaultsTests
{
    private static readonly (string, string)[] Redis = [("Orleans:ClusteringProvider", "Redis"), ("Orleans:Redis:ConnectionString", "127.0.0.1:1")];

    private static async Task<T> Options<T>(string role, params (string Key, string Value)[] settings)
        where T : class
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(
            settings.Append(("Orleans:Role", role)).Select(s => KeyValuePair.Create(s.Item1, (string?)s.Item2)));
        builder.AddPbxOptions();
        builder.AddPbxOrleans();

        // Built, never started: nothing connects to the made-up Redis.
        await using var app = builder.Build();
        return app.Services.GetRequiredService<IOptions<T>>().Value;
    }

    [Fact]
    public async Task A_Redis_silo_probes_every_two_seconds_and_puts_no_hold_on_a_dead_silos_grains()
    {
        var membership = await Options<ClusterMembershipOptions>("Silo", Redis);
        var directory = await Options<GrainDirectoryOptions>("Silo", Redis);

        Assert.Equal((TimeSpan.FromSeconds(2), 2), (membership.ProbeTimeout, membership.NumMissedProbesLimit));
        Assert.Equal(TimeSpan.Zero, directory.RangeLeaseDuration);
        Assert.Equal(OrleansHosting.DirectoryCacheTimeToLive, directory.MaximumCacheTTL);
    }

    [Fact]
    public async Task Configuration_sets_each_of_them_back()
    {
        (string, string)[] settings =
        [
            .. Redis,
            ("Orleans:Membership:ProbeTimeout", "00:00:05"),
            ("Orleans:Membership:NumMissedProbesLimit", "3"),
            ("Orleans:Directory:RangeLeaseDuration", "00:00:30"),
            ("Orleans:Gateway:GatewayListRefreshPeriod", "00:01:00"),
        ];

        var membership = await Options<ClusterMembershipOptions>("Silo", settings);
        var directory = await Options<GrainDirectoryOptions>("Silo", settings);
        var gateway = await Options<GatewayOptions>("Api", settings);

        Assert.Equal((TimeSpan.FromSeconds(5), 3), (membership.ProbeTimeout, membership.NumMissedProbesLimit));
        Assert.Equal(TimeSpan.FromSeconds(30), directory.RangeLeaseDuration);
        Assert.Equal(TimeSpan.FromMinutes(1), gateway.GatewayListRefreshPeriod);
    }

    [Fact]
    public async Task An_API_process_reads_the_gateway_list_every_five_seconds() =>
        Assert.Equal(TimeSpan.FromSeconds(5), (await Options<GatewayOptions>("Api", Redis)).GatewayListRefreshPeriod);

    [Fact]
    public async Task A_development_silo_keeps_Orleans_own_timings()
    {
        var membership = await Options<ClusterMembershipOptions>("SiloAndApi");

        Assert.Equal(new ClusterMembershipOptions().ProbeTimeout, membership.ProbeTimeout);
        Assert.Equal(new GrainDirectoryOptions().RangeLeaseDuration, (await Options<GrainDirectoryOptions>("SiloAndApi")).RangeLeaseDuration);
    }
}
