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
}
