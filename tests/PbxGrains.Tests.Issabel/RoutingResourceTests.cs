using System.Collections.Immutable;
using System.Text.Json.Nodes;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Tests.Issabel.Infrastructure;

namespace PbxGrains.Tests.Issabel;

/// <summary>
/// The real server's parkinglots, inboundroutes, timegroups, timeconditions, trunks and outboundroutes over the call
/// model's parking lots, numbers, time filters and trunk: the same REST rules as every resource, read-only here.
/// </summary>
[Collection(IssabelCollection.Name)]
public sealed class RoutingResourceTests(IssabelFixture fixture)
{
    private async Task<Api> TenantWithRoutingAsync()
    {
        var id = $"isr{Guid.NewGuid():N}"[..20];
        var loaded = await fixture.Pbx.Tenant(id).LoadAsync(new TenantDefinition
        {
            Id = id,
            Settings = new TenantSettings
            {
                Trunk = "upc",
                Surfaces = ImmutableDictionary<string, ImmutableDictionary<string, string>>.Empty
                    .Add("issabel", ImmutableDictionary<string, string>.Empty.Add("user.admin", "yourpassword")),
            },
            Extensions = [new ExtensionConfig { Number = "1000", Name = "Antonio" }],
            RingGroups = [new RingGroupConfig { Number = "600", Description = "Sales", Members = ["1000"] }],
            ParkingLots = [new ParkingLotConfig { Name = "default", FirstSlot = 71, SlotCount = 8, TimeoutSeconds = 45 }],
            NumberRouting = new NumberRouting
            {
                TimeFilters =
                [
                    new TimeFilter { Id = 1, Name = "Office", Kind = TimeFilterKind.WeeklyHours, Windows = [new WeeklyWindow(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(17, 30))] },
                    new TimeFilter { Id = 2, Name = "Holidays", Kind = TimeFilterKind.Dates, Dates = [new DateOnly(2026, 12, 25)] },
                ],
                Routes = [new CallRoute { Id = 1, Name = "Day", Destination = "600" }, new CallRoute { Id = 2, Name = "Night", Destination = "1000", Fallback = true }],
                Numbers = [new NumberRoute { Id = 1, Number = "3225550100", Name = "Main", OpeningHoursFilterId = 1, RouteId = 1, FallbackRouteId = 2 }],
            },
        }, replace: false);
        Assert.True(loaded.IsOk, loaded.ToString());
        var api = new Api(fixture.Http, id);
        await api.LoginAsync();
        return api;
    }

    [Fact]
    public async Task The_tenants_numbers_time_filters_parking_and_trunk_are_listed_found_and_searched()
    {
        var api = await TenantWithRoutingAsync();
        Api.AssertJsonEqual(JsonNode.Parse("""{"results":[{"extension":"70","id":"1","name":"default","number_of_slots":"8","starting_position":"71"}]}""")!,
            await Api.JsonAsync(await api.GetAsync("parkinglots")));
        Api.AssertJsonEqual(JsonNode.Parse("""{"results":[{"callerid_number":"","destination":"from-internal,600,1","extension":"3225550100","id":"3225550100","name":"Main"}]}""")!,
            await Api.JsonAsync(await api.GetAsync("inboundroutes/3225550100")));
        Assert.Single((await Api.JsonAsync(await api.GetAsync("inboundroutes/search/555")))["results"]!.AsArray());
        Api.AssertJsonEqual(JsonNode.Parse("""{"results":[{"id":"1","name":"Office","times":["09:00-17:30|mon|*|*"]},{"id":"2","name":"Holidays","times":["*|*|25|dec"]}]}""")!,
            await Api.JsonAsync(await api.GetAsync("timegroups?fields=*")));
        Api.AssertJsonEqual(JsonNode.Parse("""{"results":[{"destination_if_time_does_not_match":"from-internal,1000,1","destination_if_time_matches":"from-internal,600,1","id":"1","name":"Main","time_group_id":"1"}]}""")!,
            await Api.JsonAsync(await api.GetAsync("timeconditions")));
        Api.AssertJsonEqual(JsonNode.Parse("""{"results":[{"channel_name":"upc","id":"1","name":"upc","technology":"sip"}]}""")!,
            await Api.JsonAsync(await api.GetAsync("trunks")));
        Assert.Equal("upc", (await Api.JsonAsync(await api.GetAsync("outboundroutes/1")))["results"]![0]!["name"]!.GetValue<string>());
        await Api.AssertErrorAsync(await api.GetAsync("timegroups/9"), 404, "Record not found");
        await Api.AssertErrorAsync(await api.GetAsync("trunks?fields=nosuch"), 422, "fields: unknown field 'nosuch'");
    }

    [Theory]
    [InlineData("POST", "parkinglots", """{"name":"x"}""")]
    [InlineData("PUT", "inboundroutes/3225550100", """{"name":"x"}""")]
    [InlineData("DELETE", "timegroups/1", null)]
    [InlineData("PUT", "timeconditions/1", """{"name":"x"}""")]
    [InlineData("POST", "trunks", """{"name":"x"}""")]
    [InlineData("DELETE", "outboundroutes/1", null)]
    public async Task Writes_to_what_the_call_model_takes_from_the_tenant_definition_are_405(string method, string path, string? body)
    {
        var api = await TenantWithRoutingAsync();
        await Api.AssertErrorAsync(await api.SendAsync(new HttpMethod(method), path, body), 405, "read-only");
        await Api.AssertErrorAsync(await api.SendAsync(HttpMethod.Post, "trunks/1", """{"name":"x"}"""), 400, "We refuse to insert a record if a resource id is passed");
    }
}
