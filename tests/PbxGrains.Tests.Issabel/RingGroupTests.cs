using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Tests.Issabel.Infrastructure;

namespace PbxGrains.Tests.Issabel;

/// <summary>The document's ring group examples, answered as shown, and the group as a real destination.</summary>
[Collection(IssabelCollection.Name)]
public sealed class RingGroupTests(IssabelFixture fixture)
{
    private async Task<Api> LoggedInAsync()
    {
        var api = new Api(fixture.Http, await fixture.NewTenantAsync());
        await api.LoginAsync();
        return api;
    }

    [Fact]
    public async Task Retrieve_all_answers_the_documents_example()
    {
        var api = await LoggedInAsync();
        using var response = await api.GetAsync("ringgroups");
        Api.AssertJsonEqual(Api.Golden("ringgroups-all.json"), await Api.JsonAsync(response));
    }

    [Fact]
    public async Task Fields_star_answers_the_documents_example_with_every_field()
    {
        var api = await LoggedInAsync();
        using var response = await api.GetAsync("ringgroups/600?fields=*");
        Api.AssertJsonEqual(Api.Golden("ringgroups-600-all-fields.json"), await Api.JsonAsync(response));
        Assert.Equal(
            Api.Golden("ringgroups-600-all-fields.json")["results"]![0]!.AsObject().Select(p => p.Key),
            (await Api.JsonAsync(await api.GetAsync("ringgroups/600?fields=*")))["results"]![0]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task Post_creates_on_the_next_free_number()
    {
        var api = await LoggedInAsync();
        using var response = await api.SendAsync(HttpMethod.Post, "ringgroups", """{"name":"Sales","strategy":"ringall","ring_time":"120","extension_list":["200","201"]}""");

        Assert.Equal(201, (int)response.StatusCode);
        Assert.Equal($"http://localhost/t/{api.Tenant}/pbxapi/ringgroups/601", response.Headers.Location!.ToString());
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        var group = await fixture.Pbx.RingGroup(api.Tenant, "601").GetAsync();
        Assert.Equal(("Sales", 120, RingGroupStrategy.RingAll), (group!.Description, group.RingTimeSeconds, group.Strategy));
    }

    [Fact]
    public async Task Put_creates_then_updates_and_keeps_every_field()
    {
        var api = await LoggedInAsync();
        using var created = await api.SendAsync(HttpMethod.Put, "ringgroups/620", """{"name":"Sales","strategy":"ringall","extension_list":["200","201"]}""");
        Assert.Equal(200, (int)created.StatusCode);
        Assert.Equal($"http://localhost/t/{api.Tenant}/pbxapi/ringgroups/620", created.Headers.Location!.ToString());

        using var renamed = await api.SendAsync(HttpMethod.Put, "ringgroups/600", """{"name":"NewName"}""");
        Assert.Equal(200, (int)renamed.StatusCode);
        Assert.Null(renamed.Headers.Location);

        using var extras = await api.SendAsync(HttpMethod.Put, "ringgroups/600",
            """{"strategy":"memoryhunt-prim","ring_time":300,"announce_id":"7","confirm_calls":"on","cid_name_prefix":"S:","recording":"always","destination_if_no_answer":"ext-queues,610,1","change_callerid":"fixed","fixed_callerid":"3225550000"}""");
        Assert.Equal(200, (int)extras.StatusCode);
        var shown = (await Api.JsonAsync(await api.GetAsync("ringgroups/600?fields=name,strategy,ring_time,announce_id,confirm_calls,cid_name_prefix,recording,destination_if_no_answer,change_callerid,fixed_callerid")))["results"]![0]!;
        Api.AssertJsonEqual(System.Text.Json.Nodes.JsonNode.Parse(
            """{"announce_id":"7","change_callerid":"fixed","cid_name_prefix":"S:","confirm_calls":"on","destination_if_no_answer":"ext-queues,610,1","fixed_callerid":"3225550000","name":"NewName","recording":"always","ring_time":"300","strategy":"memoryhunt-prim"}""")!, shown);
    }

    [Fact]
    public async Task Every_strategy_of_the_document_is_accepted()
    {
        var api = await LoggedInAsync();
        foreach (var strategy in new[] { "ringall", "ringall-prim", "hunt", "hunt-prim", "memoryhunt", "memoryhunt-prim", "firstavailable", "firstnotonphone" })
        {
            using var response = await api.SendAsync(HttpMethod.Put, "ringgroups/600", $$"""{"strategy":"{{strategy}}"}""");
            Assert.Equal(200, (int)response.StatusCode);
            var shown = await Api.JsonAsync(await api.GetAsync("ringgroups/600"));
            Assert.Equal(strategy, shown["results"]![0]!["strategy"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Delete_removes_one_and_a_list_with_a_missing_group_is_404()
    {
        var api = await LoggedInAsync();
        using var missing = await api.SendAsync(HttpMethod.Delete, "ringgroups/600,610", null);
        await Api.AssertErrorAsync(missing, 404, "Record not found");
        Assert.NotNull(await fixture.Pbx.RingGroup(api.Tenant, "600").GetAsync());

        using var one = await api.SendAsync(HttpMethod.Delete, "ringgroups/600", null);
        Assert.Equal(200, (int)one.StatusCode);
        Assert.Equal("", await one.Content.ReadAsStringAsync());
        Assert.Null(await fixture.Pbx.RingGroup(api.Tenant, "600").GetAsync());
    }

    [Fact]
    public async Task A_call_to_a_ring_group_made_here_rings_its_members()
    {
        var api = await LoggedInAsync();
        foreach (var number in new[] { "1001", "1002", "1003" })
        {
            Assert.True((await fixture.Pbx.Extension(api.Tenant, number).RegisterAsync(
                new Registration("10.0.0.1", 5060, "SimPhone", $"sip:{number}@10.0.0.1", fixture.Time.GetUtcNow()))).IsOk);
        }

        using var created = await api.SendAsync(HttpMethod.Put, "ringgroups/630", """{"name":"Desk","strategy":"ringall","extension_list":["1002","1003"]}""");
        Assert.Equal(200, (int)created.StatusCode);

        var call = await fixture.Pbx.DialAsync(api.Tenant, new DialRequest { FromExtension = "1001", Destination = "630" });
        Assert.True(call.IsOk, call.ToString());
        Assert.Equal(DeviceState.Ringing, (await fixture.Pbx.Extension(api.Tenant, "1002").GetAsync()).DeviceState);
        Assert.Equal(DeviceState.Ringing, (await fixture.Pbx.Extension(api.Tenant, "1003").GetAsync()).DeviceState);
    }
}
