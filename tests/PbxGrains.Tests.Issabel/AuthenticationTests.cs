using System.Net.Http.Headers;
using System.Text;
using PbxGrains.Tests.Issabel.Infrastructure;

namespace PbxGrains.Tests.Issabel;

[Collection(IssabelCollection.Name)]
public sealed class AuthenticationTests(IssabelFixture fixture)
{
    [Fact]
    public async Task The_documents_login_answers_a_bearer_token_pair_shaped_like_the_example()
    {
        var api = new Api(fixture.Http, await fixture.NewTenantAsync());
        using var response = await fixture.Http.PostAsync(api.Url("authenticate"),
            new StringContent("user=admin&password=yourpassword", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var body = await Api.JsonAsync(response);
        var golden = Api.Golden("authenticate.json");
        Assert.Equal(golden.AsObject().Select(p => p.Key), body.AsObject().Select(p => p.Key));
        Assert.Equal((86400, "Bearer"), (body["expires_in"]!.GetValue<int>(), body["token_type"]!.GetValue<string>()));

        var access = body["access_token"]!.GetValue<string>();
        var header = Api.Payload(access, part: 0);
        Assert.Equal(("JWT", "HS256"), (header["typ"]!.GetValue<string>(), header["alg"]!.GetValue<string>()));
        var payload = Api.Payload(access);
        var now = IssabelFixture.Start.ToUnixTimeSeconds();
        Assert.True(payload["iat"]!.GetValue<long>() >= now);
        Assert.Equal(payload["iat"]!.GetValue<long>() + 86400, payload["exp"]!.GetValue<long>());
        Assert.Equal("admin", payload["data"]!["name"]!.GetValue<string>());
        Assert.Equal(api.Tenant, payload["aud"]!.GetValue<string>());

        var refresh = Api.Payload(body["refresh_token"]!.GetValue<string>());
        Assert.Empty(refresh["data"]!.AsArray());
        Assert.Equal(refresh["iat"]!.GetValue<long>() + 7200, refresh["exp"]!.GetValue<long>());
    }

    [Fact]
    public async Task Login_takes_username_in_json_and_in_multipart_too()
    {
        var api = new Api(fixture.Http, await fixture.NewTenantAsync());
        using var json = await fixture.Http.PostAsync(api.Url("authenticate"),
            new StringContent("{\"username\":\"admin\",\"password\":\"yourpassword\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(200, (int)json.StatusCode);

        using var multipart = new MultipartFormDataContent { { new StringContent("admin"), "user" }, { new StringContent("yourpassword"), "password" } };
        using var form = await fixture.Http.PostAsync(api.Url("authenticate"), multipart);
        Assert.Equal(200, (int)form.StatusCode);
        Assert.NotNull((await Api.JsonAsync(form))["access_token"]);
    }

    [Theory]
    [InlineData("user=admin&password=wrong")]
    [InlineData("user=nobody&password=yourpassword")]
    [InlineData("password=yourpassword")]
    [InlineData("")]
    public async Task A_failed_login_is_403_with_an_empty_body(string form)
    {
        var api = new Api(fixture.Http, await fixture.NewTenantAsync());
        using var response = await fixture.Http.PostAsync(api.Url("authenticate"), new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(403, (int)response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer not.a.token")]
    [InlineData("Basic YWRtaW46eW91cnBhc3N3b3Jk")]
    public async Task A_missing_or_invalid_token_is_403_with_an_empty_body(string? authorization)
    {
        var api = new Api(fixture.Http, await fixture.NewTenantAsync());
        var request = new HttpRequestMessage(HttpMethod.Get, api.Url("extensions"));
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await fixture.Http.SendAsync(request);
        Assert.Equal(403, (int)response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_token_of_one_tenant_is_refused_by_another()
    {
        var first = new Api(fixture.Http, await fixture.NewTenantAsync());
        var second = new Api(fixture.Http, await fixture.NewTenantAsync());
        await first.LoginAsync();
        second.Token = first.Token;

        using var own = await first.GetAsync("extensions");
        using var other = await second.GetAsync("extensions");
        Assert.Equal(200, (int)own.StatusCode);
        Assert.Equal(403, (int)other.StatusCode);
        Assert.Equal("", await other.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_expired_access_token_answers_200_status_expired_and_the_refresh_token_renews_it()
    {
        var api = new Api(fixture.Http, await fixture.NewTenantAsync(lifetime: null));
        using var login = await fixture.Http.PostAsync(api.Url("authenticate"), new FormUrlEncodedContent([new("user", "admin"), new("password", "yourpassword")]));
        var tokens = await Api.JsonAsync(login);
        Assert.Equal(3600, tokens["expires_in"]!.GetValue<int>());
        api.Token = tokens["access_token"]!.GetValue<string>();
        var refresh = tokens["refresh_token"]!.GetValue<string>();

        fixture.Time.Advance(TimeSpan.FromSeconds(3599));
        using (var stillValid = await api.GetAsync("extensions/1000"))
        {
            Assert.Equal(200, (int)stillValid.StatusCode);
            Assert.NotNull((await Api.JsonAsync(stillValid))["results"]);
        }

        fixture.Time.Advance(TimeSpan.FromSeconds(2));
        using (var expired = await api.GetAsync("extensions/1000"))
        {
            Assert.Equal(200, (int)expired.StatusCode);
            Assert.Equal("{\"status\":\"expired\"}", await expired.Content.ReadAsStringAsync());
        }

        using var renewed = await fixture.Http.GetAsync(api.Url($"authenticate/renewtoken?refresh_token={refresh}&access_token={api.Token}"));
        var body = await Api.JsonAsync(renewed);
        Assert.Equal(["access_token", "expires_in", "refresh_token", "token_type", "status"], body.AsObject().Select(p => p.Key));
        Assert.Equal("authorized", body["status"]!.GetValue<string>());
        Assert.Equal("admin", Api.Payload(body["access_token"]!.GetValue<string>())["data"]!["name"]!.GetValue<string>());
        var renewedRefresh = Api.Payload(body["refresh_token"]!.GetValue<string>());
        Assert.Equal(renewedRefresh["iat"]!.GetValue<long>() + 86400, renewedRefresh["exp"]!.GetValue<long>());

        api.Token = body["access_token"]!.GetValue<string>();
        using var again = await api.GetAsync("extensions/1000");
        Assert.NotNull((await Api.JsonAsync(again))["results"]);
    }

    [Fact]
    public async Task An_expired_refresh_token_answers_status_expired_type_refresh()
    {
        var api = new Api(fixture.Http, await fixture.NewTenantAsync());
        using var login = await fixture.Http.PostAsync(api.Url("authenticate"), new FormUrlEncodedContent([new("user", "admin"), new("password", "yourpassword")]));
        var refresh = (await Api.JsonAsync(login))["refresh_token"]!.GetValue<string>();

        fixture.Time.Advance(TimeSpan.FromSeconds(7201));
        using var renewed = await fixture.Http.GetAsync(api.Url($"authenticate/renewtoken?refresh_token={refresh}"));
        Assert.Equal(200, (int)renewed.StatusCode);
        Assert.Equal("{\"status\":\"expired\",\"type\":\"refresh\"}", await renewed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_refresh_token_is_not_an_access_token_and_an_access_token_does_not_renew()
    {
        var api = new Api(fixture.Http, await fixture.NewTenantAsync());
        using var login = await fixture.Http.PostAsync(api.Url("authenticate"), new FormUrlEncodedContent([new("user", "admin"), new("password", "yourpassword")]));
        var tokens = await Api.JsonAsync(login);

        api.Token = tokens["refresh_token"]!.GetValue<string>();
        using var asBearer = await api.GetAsync("extensions");
        Assert.Equal(403, (int)asBearer.StatusCode);

        using var asRefresh = await fixture.Http.GetAsync(api.Url($"authenticate/renewtoken?refresh_token={tokens["access_token"]!.GetValue<string>()}"));
        Assert.Equal(403, (int)asRefresh.StatusCode);

        var other = new Api(fixture.Http, await fixture.NewTenantAsync());
        using var elsewhere = await fixture.Http.GetAsync(other.Url($"authenticate/renewtoken?refresh_token={tokens["refresh_token"]!.GetValue<string>()}"));
        Assert.Equal(403, (int)elsewhere.StatusCode);
    }

    [Fact]
    public async Task An_unknown_tenant_refuses_every_login()
    {
        var api = new Api(fixture.Http, "nosuchtenant");
        using var response = await fixture.Http.PostAsync(api.Url("authenticate"), new FormUrlEncodedContent([new("user", "admin"), new("password", "yourpassword")]));
        Assert.Equal(403, (int)response.StatusCode);
        _ = new AuthenticationHeaderValue("Bearer", "x");
    }
}
