using PbxGrains.Tests.VoipSun.Infrastructure;
using static PbxGrains.Tests.VoipSun.Infrastructure.VoipSunTenantClient;

namespace PbxGrains.Tests.VoipSun;

/// <summary>A deleted tenant's recordings and CDRs are not a new tenant's of the same id: moverecord finds nothing.</summary>
[Collection(VoipSunCollection.Name)]
public sealed class TenantDeletionTests(VoipSunFixture fixture)
{
    [Fact]
    public async Task Moverecord_of_a_deleted_tenants_call_is_800_for_a_new_tenant_of_the_same_id()
    {
        var tenant = await fixture.NewTenantAsync();
        var callId = await Recordings.RecordedCallAsync(tenant, "old.wav");
        Assert.Equal(Success, await tenant.ActionAsync("moverecord", ("cdrId", callId), ("path", "/mnt/nas")));

        Assert.True((await fixture.Pbx.DeleteTenantAsync(tenant.Tenant)).IsOk);
        var again = await fixture.NewTenantAsync(tenant.Tenant);

        AssertError(await again.ActionAsync("moverecord", ("cdrId", callId), ("path", "/mnt/archive")), 800, "CDR record not found!");
        AssertError(await again.ActionAsync("moverecord", ("cdrId", ErrorTests.Sequence(callId)), ("path", "/mnt/archive")), 800, "CDR record not found!");
        Assert.Empty(await fixture.Pbx.Recordings(again.Tenant).ListAsync());
    }
}
