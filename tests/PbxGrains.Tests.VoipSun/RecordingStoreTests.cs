using PbxGrains.Abstractions.Contracts;
using PbxGrains.Surfaces.VoipSun;
using PbxGrains.Tests.VoipSun.Infrastructure;
using static PbxGrains.Tests.VoipSun.Infrastructure.VoipSunTenantClient;

namespace PbxGrains.Tests.VoipSun;

/// <summary>The tenant's recording store: fed by every way a call records, durable, and one per tenant.</summary>
[Collection(VoipSunCollection.Name)]
public sealed class RecordingStoreTests(VoipSunFixture fixture)
{
    [Fact]
    public async Task A_recording_started_by_a_command_lands_in_the_store_and_a_folder_that_cannot_be_written_keeps_none()
    {
        var tenant = await fixture.NewTenantAsync();
        var call = await fixture.Pbx.DialAsync(tenant.Tenant, new DialRequest { FromExtension = "150", Destination = "102" });
        await tenant.AnswerAsync("102");
        var leg = call.Value!.Legs[0].Name;
        Assert.True((await fixture.Pbx.SetRecordingAsync(tenant.Tenant, leg, true, "/tmp/cc/on-demand.wav")).IsOk);
        var stored = Assert.Single(await Recordings.StoredAsync(tenant, call.Value.CallId));
        Assert.Equal(("/tmp/cc/on-demand.wav", leg), (stored.Path, stored.Channel));

        // A recorder cannot open a file where the PBX may not write: the CDR names it, the store has no such file.
        Assert.True((await fixture.Pbx.SetRecordingAsync(tenant.Tenant, leg, true, "/etc/secret.wav")).IsOk);
        await fixture.Pbx.HangupAsync(tenant.Tenant, leg);
        Assert.Equal("/etc/secret.wav", (await fixture.Pbx.FindCdrAsync(tenant.Tenant, call.Value.CallId))!.RecordingFile);
        Assert.Equal(["/tmp/cc/on-demand.wav"], (await fixture.Pbx.Recordings(tenant.Tenant).ListAsync()).Select(f => f.Path));
    }

    [Fact]
    public async Task The_store_survives_deactivation_and_keeps_each_tenant_to_itself()
    {
        var tenant = await fixture.NewTenantAsync();
        var other = await fixture.NewTenantAsync();
        var callId = await Recordings.RecordedCallAsync(tenant, "keep.wav");
        Assert.Equal(Success, await tenant.ActionAsync("moverecord", ("cdrId", callId), ("path", "/mnt/a/b")));

        await fixture.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        var store = fixture.Pbx.Recordings(tenant.Tenant);
        Assert.Equal(["/mnt/a/b/keep.wav"], (await store.ListAsync()).Select(f => f.Path));
        Assert.True(await store.FolderExistsAsync("/mnt/a"));
        Assert.Empty(await fixture.Pbx.Recordings(other.Tenant).ListAsync());
        AssertError(await other.ActionAsync("moverecord", ("cdrId", callId), ("path", "/mnt/x")), 800, "CDR record not found!");
    }

    [Theory]
    [InlineData(8_000, 1)]        // 8,000 segments added 183 MB to the store and slowed every later move
    [InlineData(33, 1)]           // one past the depth
    [InlineData(1, 4_000)]        // one folder past the length
    public async Task A_folder_too_deep_or_too_long_is_the_mkdir_error_and_stores_nothing(int segments, int segmentLength)
    {
        var tenant = await fixture.NewTenantAsync();
        var callId = await Recordings.RecordedCallAsync(tenant, "deep.wav");
        var store = fixture.Pbx.Recordings(tenant.Tenant);
        var before = (await store.ListAsync()).Select(f => f.Path).ToList();

        var path = "/mnt/" + string.Join('/', Enumerable.Repeat(new string('d', segmentLength), segments));
        AssertError(await tenant.ActionAsync("moverecord", ("cdrId", callId), ("path", path)), 810, VoipSunErrors.FolderNotCreatable);

        Assert.Equal(before, (await store.ListAsync()).Select(f => f.Path));
        Assert.False(await store.FolderExistsAsync("/mnt/d"));
        // The limits themselves are allowed.
        Assert.Equal(Success, await tenant.ActionAsync("moverecord", ("cdrId", callId), ("path", "/mnt/" + string.Join('/', Enumerable.Repeat("d", RecordingPaths.MaxFolderDepth - 1)))));
    }
}
