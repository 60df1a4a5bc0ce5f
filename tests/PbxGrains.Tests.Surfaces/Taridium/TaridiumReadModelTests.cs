using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PbxGrains.Surfaces.Taridium;
using PbxGrains.Tests.Surfaces.Infrastructure;

namespace PbxGrains.Tests.Surfaces.Taridium;

/// <summary>
/// The per-process read model of tenants' IPPS settings, on a clock of its own so that expiry is stepped by hand.
/// What is observed is staleness: a change of the catalogue is not seen before the entry expires, and is seen after.
/// </summary>
public sealed class TaridiumReadModelTests(SurfaceFixture fixture) : IppsTest(fixture)
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task Settings_are_served_from_memory_for_a_second_then_read_again()
    {
        var tenant = await LoadAsync(Open, [Phone("4002")]);
        var model = NewModel();

        var first = await model.GetAsync(tenant);
        Assert.True(first.Settings.Enabled);

        var settings = (await Pbx.Tenant(tenant).GetSettingsAsync())!;
        var disabled = settings with { Surfaces = settings.Surfaces.SetItem("taridium", Ipps(("IPPSEnabled", "false"))) };
        Assert.True((await Pbx.Tenant(tenant).UpdateSettingsAsync(disabled)).IsOk);

        _clock.Advance(TaridiumReadModel.Lifetime - TimeSpan.FromMilliseconds(1));
        Assert.Same(first, await model.GetAsync(tenant));

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        var second = await model.GetAsync(tenant);
        Assert.NotSame(first, second);
        Assert.False(second.Settings.Enabled);

        model.Invalidate(tenant);
        Assert.NotSame(second, await model.GetAsync(tenant));
    }

    [Fact]
    public async Task Requests_that_find_an_entry_expired_at_once_share_one_reading()
    {
        var tenant = await LoadAsync(Open, [Phone("4002")]);
        var model = NewModel();
        await model.GetAsync(tenant);
        _clock.Advance(TaridiumReadModel.Lifetime);

        var readings = Enumerable.Range(0, 8).Select(_ => model.GetAsync(tenant).AsTask()).ToList();
        var answers = await Task.WhenAll(readings);

        Assert.All(answers, a => Assert.Same(answers[0], a));
    }

    [Fact]
    public async Task A_tenant_that_does_not_exist_is_remembered_as_missing()
    {
        var model = NewModel();

        var missing = await model.GetAsync(NewTenantId());

        Assert.False(missing.Settings.TenantExists);
        Assert.False(missing.Settings.Enabled);
    }

    [Fact]
    public async Task Devices_resolve_to_extensions_through_the_tenant_and_are_remembered_with_the_entry()
    {
        var tenant = await LoadAsync(Open, [Phone("4002"), Phone("5011") with { SipUser = "john", Tech = "IAX2" }]);
        var model = NewModel();
        var entry = await model.GetAsync(tenant);

        Assert.Equal("4002", await entry.ExtensionOfAsync("SIP/4002"));
        Assert.Equal("5011", await entry.ExtensionOfAsync("IAX2/john"));
        Assert.Null(await entry.ExtensionOfAsync("SIP/5011"));
        Assert.Null(await entry.ExtensionOfAsync("SIP/9999"));

        Assert.True((await Pbx.Tenant(tenant).RemoveExtensionAsync("4002")).IsOk);
        Assert.Equal("4002", await entry.ExtensionOfAsync("SIP/4002"));
        _clock.Advance(TaridiumReadModel.Lifetime);
        Assert.Null(await (await model.GetAsync(tenant)).ExtensionOfAsync("SIP/4002"));
    }

    private TaridiumReadModel NewModel() => new(Fixture.Cluster.Client, new CountryNames(), _clock, NullLogger<TaridiumReadModel>.Instance);
}
