using PbxGrains.Tests.Issabel.Infrastructure;

namespace PbxGrains.Tests.Issabel;

/// <summary>Configuration made through pbxapi lives in grain state: it survives the grains' deactivation.</summary>
[Collection(IssabelCollection.Name)]
public sealed class DurabilityTests(IssabelFixture fixture)
{
    // Configuration lives in grain state: after every grain is collected it must come back from storage intact.
    [Fact]
    public async Task Extensions_ring_groups_and_queues_survive_deactivation()
    {
        var api = new Api(fixture.Http, await fixture.NewTenantAsync());
        await api.LoginAsync();
        Assert.Equal(200, (int)(await api.SendAsync(HttpMethod.Put, "extensions/1020", """{"name":"Kept","secret":"k33p","ringtimer":"40","recording_ondemand":"enabled"}""")).StatusCode);
        Assert.Equal(200, (int)(await api.SendAsync(HttpMethod.Put, "ringgroups/650", """{"name":"Kept","strategy":"hunt","ring_time":"45","extension_list":["1020","1000"],"alert_info":"<Bellcore-r2>"}""")).StatusCode);
        Assert.Equal(200, (int)(await api.SendAsync(HttpMethod.Put, "queues/700", """{"name":"Kept","strategy":"rrmemory","static_members":["1020,1"]}""")).StatusCode);
        Assert.Equal(200, (int)(await api.SendAsync(HttpMethod.Delete, "extensions/1003", null)).StatusCode);
        var before = await SnapshotAsync(api);

        await fixture.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        Assert.Equal(before, await SnapshotAsync(api));
        Assert.Contains("\"alert_info\":\"<Bellcore-r2>\"", before, StringComparison.Ordinal);
        Assert.DoesNotContain("\"1003\"", before, StringComparison.Ordinal);
        Assert.Equal(40, (await fixture.Pbx.Extension(api.Tenant, "1020").GetAsync()).Config.RingTimerSeconds);
    }

    // The Asterisk database lasts: it comes back after deactivation, and a deleted tenant's is gone with it.
    [Fact]
    public async Task The_asterisk_database_survives_deactivation_and_goes_with_its_tenant()
    {
        var api = new Api(fixture.Http, await fixture.NewTenantAsync());
        await api.LoginAsync();
        using (var put = await api.GetAsync("manager/dbput?family=CW&key=1000&value=ENABLED"))
        {
            Assert.Contains("\"ok\"", await put.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await fixture.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        Assert.Equal("""{"result":"ENABLED"}""", await (await api.GetAsync("manager/dbget?family=CW&key=1000")).Content.ReadAsStringAsync());

        Assert.True((await fixture.Pbx.DeleteTenantAsync(api.Tenant)).IsOk);
        Assert.Null(await fixture.Pbx.KeyValues(api.Tenant).GetAsync("CW", "1000"));
        Assert.Empty(await fixture.Pbx.KeyValues(api.Tenant).ShowAsync(""));
    }

    private static async Task<string> SnapshotAsync(Api api)
    {
        var parts = new List<string>();
        foreach (var path in new[] { "extensions?fields=*", "ringgroups?fields=*", "queues?fields=*" })
        {
            using var response = await api.GetAsync(path);
            Assert.Equal(200, (int)response.StatusCode);
            parts.Add(await response.Content.ReadAsStringAsync());
        }

        return string.Join("\n", parts);
    }
}
