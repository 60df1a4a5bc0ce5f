using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;

namespace PbxGrains.Tests.Escaux;

/// <summary>A POST body that is not a readable form is read as PHP reads it: no form parameters, never a 500.</summary>
[Collection(EscauxCollection.Name)]
public sealed class MalformedBodyTests(EscauxFixture fixture)
{
    public static TheoryData<string, string> Bodies => new()
    {
        { "multipart/form-data", "ext=102" },                             // no boundary
        { "multipart/form-data; boundary=zz", "--zz\r\n" },               // cut short
        { "application/x-www-form-urlencoded", "ext=a%00b" },             // NUL in a value
        { "application/x-www-form-urlencoded", new string('k', 3000) },   // a key over the form reader's limit
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task The_query_string_still_counts_and_body_only_parameters_are_missing(string contentType, string body)
    {
        var demo = await fixture.DemoAsync();
        Assert.Equal("0", (await PostAsync(demo, "?ext=102&pincode=1234", contentType, body)).Element("Result")!.Value);
        Assert.Equal("1", (await PostAsync(demo, "", contentType, "pincode=1234&" + body)).Element("Result")!.Value);
    }

    private async Task<XElement> PostAsync(string tenant, string query, string contentType, string body)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var response = await fixture.Http.PostAsync($"/t/{tenant}/xml/dbCheckPincode.php{query}", content);
        Assert.Equal(200, (int)response.StatusCode);
        return XElement.Parse(await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/xml/pumLogin.php?ext=%00")]
    [InlineData("/xml/pumLogin.php?ext=a%01%1Fb%EF%BF%BE")]
    [InlineData("/xml/pumLogout.php?ext=%0B")]
    [InlineData("/xml/ccGetVar.php?channel=%00&variable=%07")]
    public async Task Control_characters_echoed_in_an_answer_are_dropped_so_the_XML_is_well_formed(string pathAndQuery)
    {
        // pumLogin.php?ext=%00 answered "Extension \0 does not exist." raw: not well-formed XML, which parsers refuse.
        var demo = await fixture.DemoAsync();
        var text = await fixture.GetAsync(demo, pathAndQuery);
        Assert.DoesNotContain(text, c => c < ' ' && c is not ('\t' or '\n' or '\r'));
        Assert.NotNull(XElement.Parse(text).Element("Result"));
    }
}
