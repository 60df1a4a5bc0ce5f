namespace PbxGrains.Tests.Escaux;

/// <summary>The API reads its arguments as its PHP scripts do (<c>$_REQUEST</c>): the query, then a POST's form.</summary>
[Collection(EscauxCollection.Name)]
public sealed class RequestParameterTests(EscauxFixture fixture)
{
    [Fact]
    public async Task A_posted_form_filters_like_the_query_and_a_GETs_body_is_not_read_as_PHP_fills_POST_for_a_POST_only()
    {
        var demo = await fixture.DemoAsync();
        var ct = TestContext.Current.CancellationToken;
        var uri = new Uri($"http://localhost/t/{demo}/xml/dbGetDirectoryInfo.json", UriKind.Absolute);
        var everyone = await fixture.GetAsync(demo, "/xml/dbGetDirectoryInfo.json");
        var byQuery = await fixture.GetAsync(demo, "/xml/dbGetDirectoryInfo.json?ext=599&wildcards=strict");

        using var posted = await fixture.Http.PostAsync(uri, Form(), ct);
        using var get = new HttpRequestMessage(HttpMethod.Get, uri) { Content = Form() };
        using var got = await fixture.Http.SendAsync(get, ct);

        Assert.NotEqual(everyone, byQuery);
        Assert.Equal(byQuery, await posted.Content.ReadAsStringAsync(ct));
        Assert.Equal(everyone, await got.Content.ReadAsStringAsync(ct));
    }

    private static FormUrlEncodedContent Form() => new([new("ext", "599"), new("wildcards", "strict")]);
}
