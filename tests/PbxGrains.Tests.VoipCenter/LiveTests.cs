using System.Collections.Immutable;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Tests.VoipCenter.Infrastructure;
using static PbxGrains.Tests.VoipCenter.Infrastructure.Customer;

namespace PbxGrains.Tests.VoipCenter;

/// <summary>The API's configuration is the call model's: calls follow DIDs, time filters, indicators and hot desks.</summary>
[Collection(VoipCenterCollection.Name)]
public sealed class LiveTests(VoipCenterFixture fixture)
{
    private async Task<string> RingsAsync(Customer customer, string did)
    {
        var call = await fixture.Pbx.InboundAsync(customer.Tenant, new InboundCallRequest { CallerIdNumber = "021234567", Destination = did });
        Assert.True(call.IsOk, call.ToString());
        var ringing = call.Value!.Legs.Select(l => l.Name).Single(n => !n.StartsWith("SIP/trunk-", StringComparison.Ordinal));
        await fixture.Pbx.HangupAsync(customer.Tenant, call.Value.Legs[0].Name);
        return ringing[..ringing.IndexOf('-')];
    }

    [Fact]
    public async Task An_inbound_call_to_a_did_follows_its_route_and_update_php_changes_it()
    {
        var customer = await fixture.NewCustomerAsync();
        AssertData(await customer.GetAsync("did", 540));   // the API shows the call model's routing
        Assert.Equal("SIP/sipaccount1", await RingsAsync(customer, "+3225550540"));

        var answer = await customer.UpdateAsync("did", 540, "r141");
        AssertOk(answer);
        Assert.Equal("141", answer["body"]!["data"]!["route"]!.GetValue<string>());
        Assert.Equal("SIP/sipaccount2", await RingsAsync(customer, "+3225550540"));
        Assert.Equal("141", (await customer.GetAsync("did", 540))["route"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_inbound_call_to_a_did_is_routed_from_the_tenant_load_without_any_api_request()
    {
        // A tenant as a demo-like scenario loads it: routing in the definition, VoipCenter credentials only in settings.
        var id = $"vcload{Guid.NewGuid():N}"[..20];
        var loaded = await fixture.Pbx.Tenant(id).LoadAsync(new TenantDefinition
        {
            Id = id,
            Settings = new TenantSettings
            {
                Surfaces = ImmutableDictionary<string, ImmutableDictionary<string, string>>.Empty
                    .Add("voipcenter", ImmutableDictionary<string, string>.Empty.Add("knummer", "399999").Add("password", Password)),
            },
            Extensions =
            [
                new ExtensionConfig { Number = "8101", Name = "Bureau Jan", SipUser = "sipaccount1", DatabaseId = 101 },
                new ExtensionConfig { Number = "8102", Name = "Bureau Els", SipUser = "sipaccount2", DatabaseId = 102 },
            ],
            Registrations = ImmutableDictionary<string, Registration>.Empty
                .Add("8101", new Registration("127.0.0.1", 5060, "test", "sip:sipaccount1@127.0.0.1", VoipCenterFixture.Start))
                .Add("8102", new Registration("127.0.0.1", 5060, "test", "sip:sipaccount2@127.0.0.1", VoipCenterFixture.Start)),
            NumberRouting = CustomerRouting.For(new DateOnly(2000, 1, 1)),
        }, replace: false);
        Assert.True(loaded.IsOk, loaded.ToString());

        // Monday 10:00 in Brussels: open, so route 140 (8101); DID 541 always takes route 141 (8102).
        Assert.Equal("SIP/sipaccount1", await RingsAsync(new Customer(fixture, id, "399999"), "+3225550540"));
        Assert.Equal("SIP/sipaccount2", await RingsAsync(new Customer(fixture, id, "399999"), "3225550541"));
        await fixture.Pbx.DeleteTenantAsync(id);
    }

    [Fact]
    public async Task A_holiday_sends_calls_to_the_backup_route_and_clearing_it_restores_the_route()
    {
        var customer = await fixture.NewCustomerAsync();
        AssertOk(await customer.UpdateAsync("did", 540, "f=11|b=150"));   // holidays: "today"
        Assert.Equal("SIP/sipaccount2", await RingsAsync(customer, "+3225550540"));
        AssertOk(await customer.UpdateAsync("did", 540, "f0"));
        Assert.Equal("SIP/sipaccount1", await RingsAsync(customer, "+3225550540"));
    }

    [Fact]
    public async Task Outside_office_hours_calls_take_the_backup_route()
    {
        var customer = await fixture.NewCustomerAsync();
        AssertOk(await customer.UpdateAsync("did", 540, "k31"));   // open on Saturday mornings only; the clock says Monday
        Assert.Equal("SIP/sipaccount2", await RingsAsync(customer, "+3225550540"));
    }

    [Fact]
    public async Task An_active_indicator_switches_its_route()
    {
        var customer = await fixture.NewCustomerAsync();
        var on = await customer.UpdateAsync("indicator", 100, "1");
        AssertOk(on);
        Assert.Equal("1", on["body"]!["data"]!["actief"]!.GetValue<string>());
        Assert.Equal("""{"actief":"1"}""", (await customer.GetAsync("indicator", 100)).ToJsonString());
        Assert.Equal("SIP/sipaccount3", (await RingsOrRefusedAsync(customer, "+3225550540")));
        AssertOk(await customer.UpdateAsync("indicator", 100, "0"));
        Assert.Equal("SIP/sipaccount1", await RingsAsync(customer, "+3225550540"));
    }

    [Fact]
    public async Task A_hot_desk_login_binds_the_desk_to_the_sip_account()
    {
        var customer = await fixture.NewCustomerAsync();
        var answer = await customer.UpdateAsync("hddesk", 100, "s=102|t=50");
        AssertOk(answer);
        Assert.Equal("102", answer["body"]!["data"]!["sipaccount"]!.GetValue<string>());
        Assert.Equal("8102", await fixture.Pbx.Tenant(customer.Tenant).FindExtensionAsync(ExtensionLookup.Device, "SEP001122334455"));
        Assert.Equal("SIP/sipaccount2", await RingsAsync(customer, "8100"));

        AssertOk(await customer.UpdateAsync("hddesk", 100, "s0"));
        Assert.Null(await fixture.Pbx.Tenant(customer.Tenant).FindExtensionAsync(ExtensionLookup.Device, "SEP001122334455"));
        Assert.Equal("", (await customer.GetAsync("hddesk", 100))["sipaccount"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("021234567", "021234567")]
    [InlineData("3293456789", "+3293456789")]
    [InlineData("31209988776", "+31209988776")]
    public async Task Call_php_rings_the_sip_account_first_then_dials_telnr(string telnr, string dialled)
    {
        var customer = await fixture.NewCustomerAsync();
        AssertOk(await customer.CallAsync("sipaccount2", telnr));
        var calls = await ListedCallsAsync(customer.Tenant, c => c.Length == 1);
        var call = Assert.Single(calls);
        var leg = Assert.Single(call.Legs);
        Assert.StartsWith("SIP/sipaccount2-", leg.Name, StringComparison.Ordinal);
        Assert.Equal(dialled, leg.Exten);
        Assert.True((await fixture.Pbx.AnswerAsync(customer.Tenant, leg.Name)).IsOk);
        var after = (await ListedCallsAsync(customer.Tenant, c => c.Length == 1 && c[0].Legs.Length == 2)).Single();
        Assert.Equal(2, after.Legs.Length);
        Assert.Contains(after.Legs, l => l.Name.StartsWith("SIP/trunk-", StringComparison.Ordinal));
        await fixture.Pbx.HangupAsync(customer.Tenant, leg.Name);
    }

    /// <summary>
    /// The tenant's live calls once they satisfy <paramref name="ready"/>: listings are published one way by the calls,
    /// so they may lag the request that changed them by a moment (this waits for propagation; it measures nothing).
    /// </summary>
    private async Task<ImmutableArray<CallSnapshot>> ListedCallsAsync(
        string tenant, Func<ImmutableArray<CallSnapshot>, bool> ready)
    {
        var calls = await fixture.Pbx.ListCallsAsync(tenant);
        for (var attempt = 0; attempt < 500 && !ready(calls); attempt++)
        {
            await Task.Delay(10);
            calls = await fixture.Pbx.ListCallsAsync(tenant);
        }

        return calls;
    }

    /// <summary>sipaccount3 is not registered: the call reaches its extension and fails there, which still names it.</summary>
    private async Task<string> RingsOrRefusedAsync(Customer customer, string did)
    {
        var destination = await fixture.Pbx.Tenant(customer.Tenant).ResolveAsync(did);
        return destination.Kind == DestinationKind.Extension ? $"SIP/sipaccount{destination.Key[^1]}" : destination.ToString();
    }
}
