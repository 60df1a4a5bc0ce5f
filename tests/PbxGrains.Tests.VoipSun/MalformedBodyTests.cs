using System.Net.Http.Headers;
using System.Text;
using PbxGrains.Tests.VoipSun.Infrastructure;
using static PbxGrains.Tests.VoipSun.Infrastructure.VoipSunTenantClient;

namespace PbxGrains.Tests.VoipSun;

/// <summary>A POST body that is not a readable form is read as PHP reads it: no form parameters, never a 500.</summary>
[Collection(VoipSunCollection.Name)]
public sealed class MalformedBodyTests(VoipSunFixture fixture)
{
    public static TheoryData<string, string> Bodies => new()
    {
        { "multipart/form-data", "action=listcalls" },                    // no boundary
        { "multipart/form-data; boundary=zz", "--zz\r\n" },               // cut short
        { "application/x-www-form-urlencoded", "action=a%00b" },          // NUL in a value
        { "application/x-www-form-urlencoded", new string('k', 3000) },   // a key over the form reader's limit
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task The_query_string_still_counts(string contentType, string body)
    {
        var tenant = await fixture.NewTenantAsync();
        var answer = await PostAsync(tenant, "username=voipsun&password=secretpwd&action=sipstatus", contentType, body);
        Assert.StartsWith("{\"total\":", answer, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Credentials_only_in_an_unreadable_body_are_error_100(string contentType, string body)
    {
        var tenant = await fixture.NewTenantAsync();
        var answer = await PostAsync(tenant, "", contentType, "username=voipsun&password=secretpwd&" + body);
        AssertError(answer, 100, "Unauthorized user or bad permissions");
    }

    private async Task<string> PostAsync(VoipSunTenantClient tenant, string query, string contentType, string body)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var response = await fixture.Http.PostAsync($"/t/{tenant.Tenant}/api/api.php?{query}", content);
        Assert.Equal(200, (int)response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
