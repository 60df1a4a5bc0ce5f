using PbxGrains.Tests.VoipSun.Infrastructure;
using static PbxGrains.Tests.VoipSun.Infrastructure.VoipSunTenantClient;

namespace PbxGrains.Tests.VoipSun;

/// <summary>dial answers before Asterisk tries the number, so a number the call model refuses is logged, not answered.</summary>
[Collection(VoipSunCollection.Name)]
public sealed class DialRefusalTests(VoipSunFixture fixture)
{
    [Fact]
    public async Task A_destination_that_cannot_be_dialled_places_no_call_and_is_logged()
    {
        var tenant = await fixture.NewTenantAsync();
        Assert.Equal(Success, await tenant.ActionAsync("dial", ("dstNum", "abc"), ("outrouteName", "odchozi"), ("context", "pospojeni")));

        Assert.Empty(await fixture.Pbx.ListCallsAsync(tenant.Tenant));
        var line = Assert.Single(fixture.Log.LinesAbout(tenant.Tenant));
        Assert.Contains("destination abc refused", line, StringComparison.Ordinal);
    }
}
