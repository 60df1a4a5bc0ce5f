using System.Text;
using PbxGrains.Tests.Issabel.Infrastructure;

namespace PbxGrains.Tests.Issabel;

/// <summary>Every error the surface gives, in the real server's shape, each naming its field.</summary>
[Collection(IssabelCollection.Name)]
public sealed class ErrorTests(IssabelFixture fixture)
{
    private async Task<Api> LoggedInAsync()
    {
        var api = new Api(fixture.Http, await fixture.NewTenantAsync());
        await api.LoginAsync();
        return api;
    }

    [Theory]
    [InlineData("POST", "extensions/1000", """{"name":"x"}""", "We refuse to insert a record if a resource id is passed")]
    [InlineData("POST", "ringgroups/600", """{"name":"x"}""", "We refuse to insert a record if a resource id is passed")]
    [InlineData("POST", "queues/700", """{"name":"x"}""", "We refuse to insert a record if a resource id is passed")]
    [InlineData("PUT", "extensions/1000", """{"name":""", "Invalid JSON body")]
    [InlineData("PUT", "extensions/1000", """["name"]""", "must be a JSON object")]
    public async Task Bad_requests_are_400(string method, string path, string body, string detail)
    {
        var api = await LoggedInAsync();
        using var response = await api.SendAsync(new HttpMethod(method), path, body);
        await Api.AssertErrorAsync(response, 400, detail);
    }

    [Theory]
    [InlineData("extensions/1009")]
    [InlineData("ringgroups/699")]
    [InlineData("queues/799")]
    [InlineData("ivr")]
    [InlineData("trunks/9")]
    public async Task What_does_not_exist_is_404(string path)
    {
        var api = await LoggedInAsync();
        using var response = await api.GetAsync(path);
        await Api.AssertErrorAsync(response, 404, "Record not found");
    }

    [Theory]
    [InlineData("PUT", "extensions")]
    [InlineData("DELETE", "ringgroups")]
    [InlineData("PATCH", "extensions/1000")]
    [InlineData("PUT", "manager/originate")]
    [InlineData("POST", "manager/hangup")]
    public async Task Verbs_a_resource_does_not_take_are_405(string method, string path)
    {
        var api = await LoggedInAsync();
        using var response = await api.SendAsync(new HttpMethod(method), path, null);
        await Api.AssertErrorAsync(response, 405, "Method not allowed");
    }

    [Theory]
    [InlineData("ringgroups/1000", """{"extension_list":["200"]}""")]
    [InlineData("extensions/600", """{"name":"Clash"}""")]
    [InlineData("queues/1001", """{"name":"Clash"}""")]
    public async Task A_number_taken_by_another_kind_is_409(string path, string body)
    {
        var api = await LoggedInAsync();
        using var response = await api.SendAsync(HttpMethod.Put, path, body);
        await Api.AssertErrorAsync(response, 409, "already in use");
    }

    [Theory]
    [InlineData("extensions/1000", """{"ringtimer":"abc"}""", "ringtimer: must be an integer from 0 to 600")]
    [InlineData("extensions/1000", """{"ringtimer":601}""", "ringtimer: must be an integer from 0 to 600")]
    [InlineData("extensions/1000", """{"voicemail":"yes"}""", "voicemail: must be one of novm, default")]
    [InlineData("extensions/1000", """{"recording_in_internal":"sometimes"}""", "recording_in_internal: must be one of always, dontcare, never")]
    [InlineData("extensions/1000", """{"recording_out_external":1}""", "recording_out_external: must be one of")]
    [InlineData("extensions/1000", """{"name":{"first":"A"}}""", "name: must be a string")]
    [InlineData("extensions/1000", """{"tech":"h323"}""", "tech: must be one of")]
    [InlineData("extensions/1000", """{"nmae":"typo"}""", "nmae: unknown field")]
    [InlineData("extensions/1000", """{"extension":"1001"}""", "extension: must be 1000")]
    [InlineData("extensions/1000?reload=maybe", """{"name":"A"}""", "reload: must be 0, 1, true or false")]
    [InlineData("extensions/abc", """{"name":"A"}""", "extension: must be 1 to 20 digits")]
    [InlineData("ringgroups/600", """{"ring_time":301}""", "ring_time: must be an integer from 1 to 300")]
    [InlineData("ringgroups/600", """{"ring_time":0}""", "ring_time: must be an integer from 1 to 300")]
    [InlineData("ringgroups/600", """{"strategy":"random"}""", "strategy: must be one of ringall, ringall-prim, hunt")]
    [InlineData("ringgroups/600", """{"extension_list":[]}""", "extension_list: must be a non-empty array")]
    [InlineData("ringgroups/600", """{"extension_list":["20a"]}""", "extension_list: must be a non-empty array")]
    [InlineData("ringgroups/600", """{"confirm_calls":"yes"}""", "confirm_calls: must be one of on, off")]
    [InlineData("ringgroups/600", """{"announce_id":-1}""", "announce_id: must be an integer")]
    [InlineData("ringgroups/600", """{"destination_if_no_answer":"hangup"}""", "destination_if_no_answer: must be a destination")]
    [InlineData("ringgroups/600", """{"change_callerid":"other"}""", "change_callerid: must be one of")]
    [InlineData("ringgroups/640", """{"name":"No members"}""", "extension_list: is required")]
    [InlineData("queues/700", """{"strategy":"wrandom"}""", "strategy: must be one of")]
    [InlineData("queues/700", """{"agent_timeout":0}""", "agent_timeout: must be an integer from 1 to 600")]
    [InlineData("queues/700", """{"static_members":["1000,x"]}""", "static_members:")]
    public async Task Invalid_values_are_422_naming_the_field(string path, string body, string detail)
    {
        var api = await LoggedInAsync();
        using var response = await api.SendAsync(HttpMethod.Put, path, body);
        await Api.AssertErrorAsync(response, 422, detail);
    }

    [Fact]
    public async Task Every_problem_is_reported_at_once_and_nothing_is_applied()
    {
        var api = await LoggedInAsync();
        using var response = await api.SendAsync(HttpMethod.Put, "extensions/1000", """{"name":"Changed","ringtimer":-1,"voicemail":"x"}""");
        await Api.AssertErrorAsync(response, 422, "ringtimer:");
        await Api.AssertErrorAsync(response, 422, "voicemail:");
        Assert.Equal("Antonio", (await fixture.Pbx.Extension(api.Tenant, "1000").GetAsync()).Config.Name);
    }

    [Fact]
    public async Task Post_without_extension_list_is_422_and_an_unknown_fields_selection_too()
    {
        var api = await LoggedInAsync();
        using var post = await api.SendAsync(HttpMethod.Post, "ringgroups", """{"name":"Sales"}""");
        await Api.AssertErrorAsync(post, 422, "extension_list: is required");

        using var fields = await api.GetAsync("extensions?fields=name,colour");
        await Api.AssertErrorAsync(fields, 422, "fields: unknown field 'colour'");
    }

    [Fact]
    public async Task A_form_post_to_a_resource_is_read_like_json()
    {
        var api = await LoggedInAsync();
        var request = new HttpRequestMessage(HttpMethod.Put, api.Url("extensions/1001"))
        {
            Content = new StringContent("name=Jose+Luis&ringtimer=20", Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Authorization = new("Bearer", api.Token);
        using var response = await fixture.Http.SendAsync(request);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(("Jose Luis", 20), ((await fixture.Pbx.Extension(api.Tenant, "1001").GetAsync()).Config.Name, (await fixture.Pbx.Extension(api.Tenant, "1001").GetAsync()).Config.RingTimerSeconds));
    }
}
