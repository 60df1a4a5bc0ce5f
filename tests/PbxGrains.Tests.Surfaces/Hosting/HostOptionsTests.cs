using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PbxGrains.Grains.Cdrs;
using PbxGrains.Host.Hosting;

namespace PbxGrains.Tests.Surfaces.Hosting;

/// <summary>
/// The host's settings under <c>Pbx</c>: bound by section, checked while the host is built (a bad one stops the start
/// with its key and reason) and again when it starts; keys from before the <c>Pbx</c> root still work.
/// </summary>
public sealed class HostOptionsTests
{
    private static WebApplicationBuilder Builder(params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
        return builder;
    }

    [Theory]
    [InlineData("Pbx:Clock:Speed", "0", "Pbx:Clock:Speed must be a positive number no greater than 10000 (1 is real time); it is 0.")]
    [InlineData("Pbx:Clock:Speed", "10001", "Pbx:Clock:Speed must be a positive number no greater than 10000 (1 is real time); it is 10001.")]
    [InlineData("Pbx:Clock:Speed", "fast", "the Pbx:Clock section cannot be read: ")]
    [InlineData("Pbx:Clock:LagWarningSeconds", "0", "Pbx:Clock:LagWarningSeconds must be a positive number of simulated seconds; it is 0.")]
    [InlineData("Pbx:LoadScenarios", "maybe", "the Pbx section cannot be read: ")]
    public void A_bad_host_setting_stops_the_start_with_its_key_and_reason(string key, string value, string message) =>
        Assert.StartsWith(message, Assert.Throws<HostConfigurationException>(() => Builder((key, value)).AddPbxOptions()).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("Pbx:Cdrs:RetentionDays", "0", "Pbx:Cdrs:RetentionDays must be at least 1 (today); it is 0.")]
    [InlineData("Cdrs:SegmentSize", "0", "Pbx:Cdrs:SegmentSize must be from 1 to 4096; it is 0.")]
    [InlineData("Pbx:Recordings:SegmentSize", "5000", "Pbx:Recordings:SegmentSize must be from 1 to 4096; it is 5000.")]
    [InlineData("Recordings:MaxFilesPerTenant", "0", "Pbx:Recordings:MaxFilesPerTenant must be at least 1; it is 0.")]
    public void A_bad_store_setting_stops_a_silo_from_starting(string key, string value, string message) =>
        Assert.Equal(message, Assert.Throws<HostConfigurationException>(() => Builder((key, value)).AddPbxOrleans()).Message);

    [Theory]
    [InlineData("Orleans:Role", "Api", "Api with Development")]
    [InlineData("Orleans:Role", "Silo", "Silo with Development")]
    public void The_exact_clock_is_refused_where_the_cluster_is_not_in_one_process(string key, string value, string deployment) =>
        Assert.Equal(
            "Pbx:Clock:Exact needs the whole cluster in this process (Orleans:Role SiloAndApi, Orleans:ClusteringProvider Development): "
            + $"its clock waits for every grain call of a step, and it cannot see another process's. This one is {deployment} clustering.",
            Assert.Throws<HostConfigurationException>(() => Builder(("Pbx:Clock:Exact", "true"), (key, value)).AddPbxOrleans()).Message);

    [Fact]
    public void A_key_where_it_was_before_the_Pbx_root_still_works_and_the_Pbx_one_wins()
    {
        static CdrStoreOptions Read(params (string Key, string Value)[] settings) => PbxOptions.Read<CdrStoreOptions>(
            Builder(settings).Configuration, CdrStoreOptions.SectionName, static (o, s) => o.Problems(s), CdrStoreOptions.LegacySectionName);

        Assert.Equal(3, Read(("Cdrs:RetentionDays", "3")).RetentionDays);
        Assert.Equal(5, Read(("Cdrs:RetentionDays", "3"), ("Pbx:Cdrs:RetentionDays", "5")).RetentionDays);
        Assert.Equal(7, Read().RetentionDays);
    }

    [Fact]
    public async Task A_setting_that_goes_bad_after_the_host_was_built_still_stops_its_start()
    {
        var builder = Builder();
        builder.WebHost.UseTestServer();
        builder.AddPbxOptions();
        builder.Configuration.AddInMemoryCollection([KeyValuePair.Create("Pbx:Clock:Speed", (string?)"-1")]);
        await using var app = builder.Build();

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Pbx:Clock:Speed must be a positive number", refused.Message, StringComparison.Ordinal);
    }
}
