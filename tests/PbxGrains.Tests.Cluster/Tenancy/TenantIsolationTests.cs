using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Tests.Cluster.Infrastructure;

namespace PbxGrains.Tests.Cluster.Tenancy;

public sealed class TenantIsolationTests(ClusterFixture fixture) : ClusterTest(fixture)
{
    [Fact]
    public async Task Two_tenants_with_the_same_extension_numbers_never_see_each_others_calls_channels_or_cdrs()
    {
        var red = await LoadAsync(Define.Phone("4001"), Define.Phone("4002"));
        var blue = await LoadAsync(Define.Phone("4001"), Define.Phone("4002"));

        var (redCall, redCaller, _) = await red.ConnectAsync("4001", "4002");

        Assert.Empty(await blue.CallsAsync());
        Assert.Empty(await Pbx.ListChannelsAsync(blue.Id));
        Assert.Null(await Pbx.FindChannelAsync(blue.Id, redCaller.Name));
        Assert.Null(await Pbx.Call(blue.Id, redCall).GetAsync());
        Assert.Equal(DomainError.ChannelNotFound, (await Pbx.HangupAsync(blue.Id, redCaller.Name)).Error);
        Assert.Equal(DeviceState.NotInUse, (await blue.ExtensionAsync("4001")).DeviceState);
        Assert.Equal(DeviceState.InUse, (await red.ExtensionAsync("4001")).DeviceState);
        Assert.Equal(2, (await Pbx.ListChannelsAsync(red.Id)).Length);

        var (blueCall, blueCaller, _) = await blue.ConnectAsync("4001", "4002");
        Assert.Equal(redCall, Assert.Single(await red.CallsUntilAsync(c => c.Length == 1, "red's one call")).CallId);
        Assert.Equal(blueCall, Assert.Single(await blue.CallsUntilAsync(c => c.Length == 1, "blue's one call")).CallId);

        await red.HangupAsync(redCaller);
        await red.CdrAsync(redCall);
        await red.IsGoneAsync(redCall, "4001", "4002");
        Assert.Empty(await blue.CdrsAsync());
        Assert.Equal(blueCall, Assert.Single(await blue.CallsUntilAsync(c => c.Length == 1, "blue's call still listed")).CallId);

        await blue.HangupAsync(blueCaller);
        Assert.Equal(blueCall, (await blue.CdrAsync(blueCall)).UniqueId);
        Assert.Equal(redCall, Assert.Single(await red.CdrsAsync()).UniqueId);
    }

    [Fact]
    public async Task A_call_cannot_be_made_in_a_tenant_that_does_not_exist()
    {
        var refused = await Pbx.DialAsync(NewTenantId(), new DialRequest { FromExtension = "4001", Destination = "4002" });

        Assert.Equal(DomainError.TenantNotFound, refused.Error);
    }
}
