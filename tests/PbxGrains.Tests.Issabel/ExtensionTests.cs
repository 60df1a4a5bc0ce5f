using System.Net.Http.Headers;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Tests.Issabel.Infrastructure;

namespace PbxGrains.Tests.Issabel;

/// <summary>The document's extension examples, answered as shown, and what the variables do in the call model.</summary>
[Collection(IssabelCollection.Name)]
public sealed class ExtensionTests(IssabelFixture fixture)
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
        using var response = await api.GetAsync("extensions");

        Assert.Equal(200, (int)response.StatusCode);
        var raw = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"dial\":\"SIP\\/1000\"", raw, StringComparison.Ordinal);
        Api.AssertJsonEqual(Api.Golden("extensions-all.json"), await Api.JsonAsync(response));
    }

    [Fact]
    public async Task Retrieve_one_answers_a_one_element_results_array()
    {
        var api = await LoggedInAsync();
        using var response = await api.GetAsync("extensions/1002");
        Api.AssertJsonEqual(Api.Golden("extensions-1002.json"), await Api.JsonAsync(response));
    }

    [Fact]
    public async Task Fields_star_shows_every_field_and_a_field_list_only_those()
    {
        var api = await LoggedInAsync();
        using var all = await api.GetAsync("extensions/1000?fields=*");
        var record = (await Api.JsonAsync(all))["results"]![0]!.AsObject();
        Assert.Equal(
            ["accountcode", "callwaiting", "dial", "emergency_cid", "extension", "name", "outboundcid", "recording_in_external",
             "recording_in_internal", "recording_ondemand", "recording_out_external", "recording_out_internal", "recording_priority",
             "ringtimer", "secret", "tech", "voicemail"],
            record.Select(p => p.Key));
        Assert.All(record, p => Assert.Equal(System.Text.Json.JsonValueKind.String, p.Value!.GetValueKind()));

        using var some = await api.GetAsync("extensions?fields=secret,name");
        var first = (await Api.JsonAsync(some))["results"]![0]!.AsObject();
        Assert.Equal(["name", "secret"], first.Select(p => p.Key));
    }

    [Fact]
    public async Task Post_creates_on_the_next_free_number_with_201_a_location_and_no_body()
    {
        var api = await LoggedInAsync();
        using var response = await api.SendAsync(HttpMethod.Post, "extensions", """{"name":"Some Name","voicemail":"novm","ringtimer":"30"}""");

        Assert.Equal(201, (int)response.StatusCode);
        Assert.Equal($"http://localhost/t/{api.Tenant}/pbxapi/extensions/1004", response.Headers.Location!.ToString());
        Assert.Equal("", await response.Content.ReadAsStringAsync());

        var view = await fixture.Pbx.Extension(api.Tenant, "1004").GetAsync();
        Assert.True(view.Exists);
        Assert.Equal(("Some Name", false, 30), (view.Config.Name, view.Config.Voicemail, view.Config.RingTimerSeconds));
        Assert.Equal(32, view.Config.Secret.Length);
    }

    [Fact]
    public async Task Put_creates_with_a_location_then_updates_without_one()
    {
        var api = await LoggedInAsync();
        using var created = await api.SendAsync(HttpMethod.Put, "extensions/1005", """{"name":"Daniel","secret":"unaclave"}""");
        Assert.Equal(200, (int)created.StatusCode);
        Assert.Equal($"http://localhost/t/{api.Tenant}/pbxapi/extensions/1005", created.Headers.Location!.ToString());
        Assert.Equal("", await created.Content.ReadAsStringAsync());

        using var updated = await api.SendAsync(HttpMethod.Put, "extensions/1005", """{"secret":"otraclave","ringtimer":45,"recording_in_external":"always","voicemail":"default","tech":"pjsip"}""");
        Assert.Equal(200, (int)updated.StatusCode);
        Assert.Null(updated.Headers.Location);

        var config = (await fixture.Pbx.Extension(api.Tenant, "1005").GetAsync()).Config;
        Assert.Equal(("Daniel", "otraclave", 45, true, true, "PJSIP"), (config.Name, config.Secret, config.RingTimerSeconds, config.RecordCalls, config.Voicemail, config.Tech));
        using var shown = await api.GetAsync("extensions/1005?fields=dial,recording_in_external,recording_out_external,ringtimer");
        Api.AssertJsonEqual(
            System.Text.Json.Nodes.JsonNode.Parse("""{"results":[{"dial":"PJSIP/1005","recording_in_external":"always","recording_out_external":"dontcare","ringtimer":"45"}]}""")!,
            await Api.JsonAsync(shown));
    }

    [Fact]
    public async Task Delete_removes_one_or_a_comma_separated_list()
    {
        var api = await LoggedInAsync();
        using var one = await api.SendAsync(HttpMethod.Delete, "extensions/1003", null);
        Assert.Equal(200, (int)one.StatusCode);
        Assert.Equal("", await one.Content.ReadAsStringAsync());

        using var two = await api.SendAsync(HttpMethod.Delete, "extensions/1001,1002?reload=0", null);
        Assert.Equal(200, (int)two.StatusCode);

        using var left = await api.GetAsync("extensions");
        Assert.Equal(["1000"], (await Api.JsonAsync(left))["results"]!.AsArray().Select(r => r!["extension"]!.GetValue<string>()));
        Assert.False((await fixture.Pbx.Extension(api.Tenant, "1002").GetAsync()).Exists);
    }

    [Fact]
    public async Task Delete_of_a_list_with_a_missing_extension_is_404_and_deletes_none()
    {
        var api = await LoggedInAsync();
        using var response = await api.SendAsync(HttpMethod.Delete, "extensions/1000,1009", null);
        await Api.AssertErrorAsync(response, 404, "Record not found");
        Assert.True((await fixture.Pbx.Extension(api.Tenant, "1000").GetAsync()).Exists);
    }

    [Fact]
    public async Task An_extension_created_here_registers_rings_and_answers_in_the_call_model()
    {
        var api = await LoggedInAsync();
        using var created = await api.SendAsync(HttpMethod.Put, "extensions/1010", """{"name":"Live","ringtimer":"25"}""");
        Assert.Equal(200, (int)created.StatusCode);

        var extension = fixture.Pbx.Extension(api.Tenant, "1010");
        Assert.True((await extension.RegisterAsync(new Registration("10.0.0.9", 5060, "Yealink", "sip:1010@10.0.0.9", fixture.Time.GetUtcNow()))).IsOk);
        Assert.True((await fixture.Pbx.Extension(api.Tenant, "1000").RegisterAsync(new Registration("10.0.0.8", 5060, "Yealink", "sip:1000@10.0.0.8", fixture.Time.GetUtcNow()))).IsOk);

        var call = await fixture.Pbx.DialAsync(api.Tenant, new DialRequest { FromExtension = "1000", Destination = "1010" });
        Assert.True(call.IsOk, call.ToString());
        var view = await extension.GetAsync();
        Assert.Equal(DeviceState.Ringing, view.DeviceState);
        Assert.Equal("Live", view.Config.Name);
        // Channel listings are published one way by the call, so they may lag the dial by a moment.
        var channels = await fixture.Pbx.ListChannelsAsync(api.Tenant);
        for (var attempt = 0; attempt < 3000 && !channels.Any(c => c.Name.StartsWith("SIP/1010-", StringComparison.Ordinal)); attempt++)
        {
            await Task.Delay(10);
            channels = await fixture.Pbx.ListChannelsAsync(api.Tenant);
        }

        Assert.Contains(channels, c => c.Name.StartsWith("SIP/1010-", StringComparison.Ordinal));
        _ = new MediaTypeHeaderValue("application/json");
    }
}
