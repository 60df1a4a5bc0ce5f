using System.Net.Http.Headers;
using System.Text;
using PbxGrains.Tests.Issabel.Infrastructure;

namespace PbxGrains.Tests.Issabel;

/// <summary>Form bodies ASP.NET cannot read are the surface's 400 (or a failed login), never a 500, and change nothing.</summary>
[Collection(IssabelCollection.Name)]
public sealed class MalformedBodyTests(IssabelFixture fixture)
{
    public static TheoryData<string, string> Bodies => new()
    {
        { "multipart/form-data", "name=x" },                              // no boundary
        { "multipart/form-data; boundary=zz", "--zz\r\n" },               // cut short
        { "multipart/form-data; boundary=zz", "--zz\r\nbad header\r\n\r\nx\r\n--zz--\r\n" },
        { "application/x-www-form-urlencoded", "name=a%00b" },            // NUL in a value
        { "application/x-www-form-urlencoded", new string('k', 3000) },   // a key over the form reader's limit
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task An_unreadable_form_is_400_and_creates_nothing(string contentType, string body)
    {
        var api = new Api(fixture.Http, await fixture.NewTenantAsync());
        await api.LoginAsync();
        using var before = await api.GetAsync("extensions");
        var count = (await Api.JsonAsync(before))["results"]!.AsArray().Count;

        using var response = await SendAsync(api, HttpMethod.Post, "extensions", contentType, body);

        await Api.AssertErrorAsync(response, 400, "Invalid form body");
        using var after = await api.GetAsync("extensions");
        Assert.Equal(count, (await Api.JsonAsync(after))["results"]!.AsArray().Count);
    }

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task An_unreadable_login_form_is_a_failed_login(string contentType, string body)
    {
        var api = new Api(fixture.Http, await fixture.NewTenantAsync());
        using var response = await SendAsync(api, HttpMethod.Post, "authenticate", contentType, body);
        Assert.Equal(403, (int)response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
    }

    private Task<HttpResponseMessage> SendAsync(Api api, HttpMethod method, string path, string contentType, string body)
    {
        var request = new HttpRequestMessage(method, api.Url(path))
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (api.Token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", api.Token);
        }

        return fixture.Http.SendAsync(request);
    }

    [Theory]
    [InlineData("""{"name":"a","name":"b","extension":"7301","extension":"no"}""")]
    [InlineData("""{"extension":"7301","extension":"7302","name":"x","name":"\ud800"}""")]
    [InlineData("""{"name":"\ud800"}""")]
    [InlineData("""{"\udc00":"x"}""")]
    [InlineData("""{"name":{"a":1,"a":2}}""")]
    public async Task Repeated_keys_and_lone_surrogates_are_the_surface_s_answer_not_a_500(string body)
    {
        // Repeated keys made JsonObject throw (ArgumentException) and "\ud800" could not be read as text: both were 500s.
        var api = new Api(fixture.Http, await fixture.NewTenantAsync());
        await api.LoginAsync();
        using var before = await api.GetAsync("extensions");
        var count = (await Api.JsonAsync(before))["results"]!.AsArray().Count;

        using var response = await SendAsync(api, HttpMethod.Post, "extensions", "application/json", body);

        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Equal("fail", (await Api.JsonAsync(response))["status"]!.GetValue<string>());
        using var after = await api.GetAsync("extensions");
        Assert.Equal(count, (await Api.JsonAsync(after))["results"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_repeated_login_key_takes_its_last_value_as_PHP_does()
    {
        var api = new Api(fixture.Http, await fixture.NewTenantAsync());
        using var wrongLast = await SendAsync(api, HttpMethod.Post, "authenticate", "application/json",
            """{"user":"admin","password":"yourpassword","password":"nope"}""");
        Assert.Equal(403, (int)wrongLast.StatusCode);

        using var rightLast = await SendAsync(api, HttpMethod.Post, "authenticate", "application/json",
            """{"user":"admin","password":"nope","password":"yourpassword"}""");
        Assert.Equal(200, (int)rightLast.StatusCode);
        Assert.NotNull((await Api.JsonAsync(rightLast))["access_token"]);
    }

    [Fact]
    public async Task A_lone_surrogate_in_a_login_is_a_failed_login()
    {
        var api = new Api(fixture.Http, await fixture.NewTenantAsync());
        using var response = await SendAsync(api, HttpMethod.Post, "authenticate", "application/json", """{"user":"\ud800","password":"x"}""");
        Assert.Equal(403, (int)response.StatusCode);
    }
}
