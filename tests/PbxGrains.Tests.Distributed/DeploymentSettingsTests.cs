using System.Net;
using Microsoft.Extensions.Configuration;
using PbxGrains.Host.Hosting;
using PbxGrains.Tests.Shared.Processes;

namespace PbxGrains.Tests.Distributed;

/// <summary>The <c>Orleans</c> section: the defaults, each role and provider, and every setting that stops the start.</summary>
public sealed class DeploymentSettingsTests
{
    private static PbxDeployment From(params (string Key, string? Value)[] settings) =>
        PbxDeployment.From(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build());

    private static string Refused(params (string Key, string? Value)[] settings) =>
        Assert.Throws<HostConfigurationException>(() => From(settings)).Message;

    [Fact]
    public void Without_settings_the_process_is_one_development_silo_with_the_API_and_memory_storage()
    {
        var deployment = From();
        Assert.Equal(PbxRole.SiloAndApi, deployment.Role);
        Assert.Equal(PbxClustering.Development, deployment.Clustering);
        Assert.Equal(PbxStorageKind.Memory, deployment.Storage);
        Assert.True(deployment.HostsSilo);
        Assert.True(deployment.ServesApi);
        Assert.False(deployment.DurableStorage);
        Assert.Equal(("dev", "pbxgrains", 11111, 30000), (deployment.ClusterId, deployment.ServiceId, deployment.SiloPort, deployment.GatewayPort));
    }

    [Fact]
    public void Redis_clustering_stores_in_Redis_unless_told_otherwise()
    {
        var deployment = From(("Orleans:ClusteringProvider", "redis"), ("Orleans:Redis:ConnectionString", "cache:6380,password=x"));
        Assert.Equal(PbxClustering.Redis, deployment.Clustering);
        Assert.Equal(PbxStorageKind.Redis, deployment.Storage);
        Assert.True(deployment.DurableStorage);
        Assert.Equal(("cache", 6380), deployment.Redis!.EndPoints.OfType<DnsEndPoint>().Select(e => (e.Host, e.Port)).Single());
        Assert.Equal("x", deployment.Redis.Password);

        var memory = From(("Orleans:ClusteringProvider", "Redis"), ("Orleans:StorageProvider", "Memory"), ("Orleans:Redis:ConnectionString", "cache:6380"));
        Assert.Equal(PbxStorageKind.Memory, memory.Storage);
    }

    [Fact]
    public void The_roles_decide_what_the_process_hosts_and_serves()
    {
        var api = From(("Orleans:Role", "Api"), ("Orleans:ClusteringProvider", "Redis"), ("Orleans:Redis:ConnectionString", "cache"));
        Assert.False(api.HostsSilo);
        Assert.True(api.ServesApi);
        Assert.True(api.DurableStorage);

        var silo = From(("Orleans:Role", "silo"));
        Assert.True(silo.HostsSilo);
        Assert.False(silo.ServesApi);
    }

    [Fact]
    public void On_Kubernetes_the_pod_names_and_addresses_the_silo()
    {
        var deployment = From(("POD_NAME", "pbx-silo-7d9f"), ("POD_IP", "10.1.2.3"));
        Assert.Equal("pbx-silo-7d9f", deployment.SiloName);
        Assert.Equal(IPAddress.Parse("10.1.2.3"), deployment.AdvertisedAddress);

        // The same address twice is no contradiction.
        Assert.Equal(IPAddress.Parse("10.1.2.3"), From(("POD_IP", "10.1.2.3"), ("Orleans:AdvertisedIPAddress", "10.1.2.3")).AdvertisedAddress);
    }

    [Theory]
    [InlineData("Orleans:Role", "Both", "Orleans:Role must be one of SiloAndApi, Api, Silo; it is 'Both'.")]
    [InlineData("Orleans:Role", "1", "Orleans:Role must be one of SiloAndApi, Api, Silo; it is '1'.")]
    [InlineData("Orleans:ClusteringProvider", "Consul", "Orleans:ClusteringProvider must be one of Development, Redis; it is 'Consul'.")]
    [InlineData("Orleans:StorageProvider", "Disk", "Orleans:StorageProvider must be one of Memory, Redis; it is 'Disk'.")]
    [InlineData("Orleans:ClusterId", "", "Orleans:ClusterId must not be empty: silos and clients of one cluster share it.")]
    [InlineData("Orleans:SiloPort", "0", "Orleans:SiloPort must be a TCP port from 1 to 65535; it is 0.")]
    [InlineData("Orleans:GatewayPort", "11111", "Orleans:SiloPort and Orleans:GatewayPort are both 11111: silo-to-silo and client traffic need a port each.")]
    [InlineData("POD_IP", "pod-ip", "POD_IP must be an IP address (other silos and clients connect to it); it is 'pod-ip'.")]
    [InlineData("Orleans:ShutdownTimeoutSeconds", "0", "Orleans:ShutdownTimeoutSeconds must be a positive number of seconds; it is 0.")]
    [InlineData("Orleans:Clustering", "Redis", "Orleans:Clustering is 'Redis', but the provider is chosen with Orleans:ClusteringProvider (Orleans:Clustering is Orleans' own provider section).")]
    public void A_bad_setting_stops_the_start_with_its_name_and_reason(string key, string value, string message) =>
        Assert.Equal(message, Refused((key, value)));

    [Fact]
    public void Redis_without_a_connection_string_is_refused_naming_the_setting_that_asked_for_it()
    {
        Assert.StartsWith("Orleans:Redis:ConnectionString is required because Orleans:ClusteringProvider is Redis",
            Refused(("Orleans:ClusteringProvider", "Redis")));
        Assert.StartsWith("Orleans:Redis:ConnectionString is required because Orleans:StorageProvider is Redis",
            Refused(("Orleans:StorageProvider", "Redis")));
        Assert.StartsWith("Orleans:Redis:ConnectionString names no server",
            Refused(("Orleans:ClusteringProvider", "Redis"), ("Orleans:Redis:ConnectionString", "password=x")));
    }

    [Fact]
    public void Contradictions_are_refused()
    {
        Assert.StartsWith("Orleans:Redis:ConnectionString is set but nothing uses Redis",
            Refused(("Orleans:Redis:ConnectionString", "cache:6379")));
        Assert.Equal("Orleans:AdvertisedIPAddress is 10.0.0.1 but POD_IP is 10.0.0.2: a silo has one address; remove one of them.",
            Refused(("Orleans:AdvertisedIPAddress", "10.0.0.1"), ("POD_IP", "10.0.0.2")));
    }

    [Theory]
    [InlineData("Development", null, true)]
    [InlineData("Production", null, false)]
    [InlineData("Production", "true", true)]
    [InlineData("Development", "False", false)]
    public void The_Orleans_Dashboard_is_on_in_Development_unless_configured(string environment, string? value, bool enabled) =>
        Assert.Equal(enabled, DashboardHosting.IsEnabled(
            new ConfigurationBuilder().AddInMemoryCollection([new(DashboardHosting.EnabledKey, value)]).Build(),
            new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = environment }));

    [Fact]
    public void A_dashboard_setting_that_is_not_a_boolean_stops_the_start() =>
        Assert.Equal("Orleans:Dashboard:Enabled must be true or false; it is 'yes'.", Assert.Throws<HostConfigurationException>(() => DashboardHosting.IsEnabled(
            new ConfigurationBuilder().AddInMemoryCollection([new(DashboardHosting.EnabledKey, "yes")]).Build(),
            new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = "Production" })).Message);

    [Fact]
    public async Task The_host_prints_the_reason_and_exits_without_starting()
    {
        await using var host = HostProcess.Start(RepositoryLayoutAttribute.Current.Host, new Dictionary<string, string>
        {
            ["Orleans:ClusteringProvider"] = "Redis",
            ["Pbx:LoadScenarios"] = "false",
        }, "misconfigured");
        Assert.Equal(2, await host.WaitForExitAsync(TestContext.Current.CancellationToken));
        Assert.Contains("PbxGrains cannot start: Orleans:Redis:ConnectionString is required because Orleans:ClusteringProvider is Redis", host.Output);
    }

    [Fact]
    public async Task A_bad_setting_under_Pbx_stops_the_host_the_same_way()
    {
        await using var host = HostProcess.Start(RepositoryLayoutAttribute.Current.Host, new Dictionary<string, string>
        {
            ["Cdrs:RetentionDays"] = "0",
            ["Pbx:LoadScenarios"] = "false",
        }, "misconfigured-cdrs");
        Assert.Equal(2, await host.WaitForExitAsync(TestContext.Current.CancellationToken));
        Assert.Contains("PbxGrains cannot start: Pbx:Cdrs:RetentionDays must be at least 1 (today); it is 0.", host.Output);
    }
}
