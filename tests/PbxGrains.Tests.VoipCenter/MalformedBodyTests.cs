using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using PbxGrains.Tests.VoipCenter.Infrastructure;
using static PbxGrains.Tests.VoipCenter.Infrastructure.Customer;

namespace PbxGrains.Tests.VoipCenter;

/// <summary>A POST body that is not a readable form is read as PHP reads it: no form parameters, never a 500.</summary>
[Collection(VoipCenterCollection.Name)]
public sealed class MalformedBodyTests(VoipCenterFixture fixture)
{
    private static readonly (string, string)[] AllSipAccounts = [("m", "sipacc"), ("id", "0")];

    public static TheoryData<string, string> Bodies => new()
    {
        { "multipart/form-data", "m=sipacc" },                            // no boundary
        { "multipart/form-data; boundary=zz", "--zz\r\n" },               // cut short
        { "application/x-www-form-urlencoded", "m=a%00b" },               // NUL in a value
        { "application/x-www-form-urlencoded", new string('k', 3000) },   // a key over the form reader's limit
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task A_signed_query_string_still_counts(string contentType, string body)
    {
        var customer = await fixture.NewCustomerAsync();
        var query = Query(customer.Parameters(AllSipAccounts));
        var answer = await PostAsync($"/api/get.php?{query}", contentType, body);
        AssertData(answer);
        Assert.Equal(["id_101", "id_102", "id_103"], answer.AsObject().Select(p => p.Key));
    }

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Parameters_only_in_an_unreadable_body_are_head_error_10(string contentType, string body)
    {
        var customer = await fixture.NewCustomerAsync();
        var form = Query(customer.Parameters(AllSipAccounts));
        AssertHeadError(await PostAsync("/api/get.php", contentType, form + "&" + body), 10);
    }

    private async Task<JsonNode> PostAsync(string url, string contentType, string body)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var response = await fixture.Http.PostAsync(url, content);
        Assert.Equal(200, (int)response.StatusCode);
        return await JsonAsync(response);
    }
}
