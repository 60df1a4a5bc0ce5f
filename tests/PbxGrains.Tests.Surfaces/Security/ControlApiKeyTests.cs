using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace PbxGrains.Tests.Surfaces.Security;

/// <summary>
/// The control API with keys: the admin key does everything, a tenant's key acts on its own tenant only (and lists only
/// it), no key or a wrong key is 401, and secrets are never read back.
/// </summary>
[Collection(KeyedHostCollection.Name)]
public sealed class ControlApiKeyTests(KeyedHostFixture host)
{
    private const string Scenario = "extensions:\n  - {number: \"100\", registered: true}\n";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static StringContent Yaml(string text) => new(text, Encoding.UTF8, "application/yaml");

    private async Task<string> CreateAsync(string id, string scenario = Scenario)
    {
        using var admin = host.Client(KeyedHostFixture.AdminKey);
        using var created = await admin.PutAsync($"/sim/tenants/{id}", Yaml(scenario), Ct);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        return id;
    }

    [Theory]
    [InlineData("GET", "/sim/tenants")]
    [InlineData("GET", "/sim/clock")]
    [InlineData("GET", "/sim/context")]
    [InlineData("POST", "/sim/tenants")]
    [InlineData("GET", "/sim/tenants/any")]
    [InlineData("DELETE", "/sim/tenants/any")]
    [InlineData("GET", "/sim/tenants/any/extensions")]
    [InlineData("POST", "/sim/tenants/any/extensions/100/answer")]
    public async Task Without_a_key_every_control_API_request_is_401_with_a_problem(string method, string path)
    {
        using var anonymous = host.Client();
        using var answer = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        Assert.Equal("Bearer", answer.Headers.WwwAuthenticate.ToString());
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_wrong_key_is_401_as_bearer_and_as_api_key_header()
    {
        using var wrong = host.Client("not-a-configured-key-at-all");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/sim/tenants", Ct)).StatusCode);

        using var header = host.Client();
        header.DefaultRequestHeaders.Add("X-Api-Key", "not-a-configured-key-at-all");
        Assert.Equal(HttpStatusCode.Unauthorized, (await header.GetAsync("/sim/tenants", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_admin_key_works_as_an_api_key_header_too()
    {
        using var header = host.Client();
        header.DefaultRequestHeaders.Add("X-Api-Key", KeyedHostFixture.AdminKey);
        Assert.Equal(HttpStatusCode.OK, (await header.GetAsync("/sim/tenants", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_tenant_key_acts_on_its_own_tenant_and_gets_403_for_any_other_existing_or_not()
    {
        var red = await CreateAsync(KeyedHostFixture.Red);
        var other = await CreateAsync("other-" + Guid.NewGuid().ToString("N")[..8]);
        using var redClient = host.Client(KeyedHostFixture.RedKey);

        Assert.Equal(HttpStatusCode.OK, (await redClient.GetAsync($"/sim/tenants/{red}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await redClient.GetAsync($"/sim/tenants/{red}/extensions", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await redClient.PostAsync($"/sim/tenants/{red}/extensions/100/register", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await redClient.PutAsync($"/sim/tenants/{red}", Yaml(Scenario), Ct)).StatusCode);

        // Another tenant, one that does not exist, and the blue key's tenant: all the same 403, so nothing is learnt.
        foreach (var path in (string[])[$"/sim/tenants/{other}", $"/sim/tenants/{other}/extensions", "/sim/tenants/no-such-tenant/extensions", $"/sim/tenants/{KeyedHostFixture.Blue}"])
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await redClient.GetAsync(path, Ct)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await redClient.DeleteAsync($"/sim/tenants/{other}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await redClient.PutAsync($"/sim/tenants/{other}", Yaml(Scenario), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await redClient.PostAsync($"/sim/tenants/{other}/extensions/100/answer", null, Ct)).StatusCode);

        // Creating by POST is the administrator's: the id is in the body, not the path a policy can read.
        Assert.Equal(HttpStatusCode.Forbidden, (await redClient.PostAsync("/sim/tenants", Yaml($"tenant: {red}\n" + Scenario), Ct)).StatusCode);

        using var admin = host.Client(KeyedHostFixture.AdminKey);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/sim/tenants/{other}", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_tenant_key_lists_its_own_tenant_only_and_the_admin_key_lists_all()
    {
        var red = await CreateAsync(KeyedHostFixture.Red);
        var other = await CreateAsync("listed-" + Guid.NewGuid().ToString("N")[..8]);

        using var redClient = host.Client(KeyedHostFixture.RedKey);
        Assert.Equal([red], await TenantsAsync(redClient));

        using var blueClient = host.Client(KeyedHostFixture.BlueKey);
        Assert.Empty(await TenantsAsync(blueClient));

        using var admin = host.Client(KeyedHostFixture.AdminKey);
        var all = await TenantsAsync(admin);
        Assert.Contains(red, all);
        Assert.Contains(other, all);
    }

    [Fact]
    public async Task A_tenant_key_deletes_its_own_tenant()
    {
        await CreateAsync(KeyedHostFixture.Blue);
        using var blueClient = host.Client(KeyedHostFixture.BlueKey);
        Assert.Equal(HttpStatusCode.NoContent, (await blueClient.DeleteAsync($"/sim/tenants/{KeyedHostFixture.Blue}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await blueClient.GetAsync($"/sim/tenants/{KeyedHostFixture.Blue}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Secrets_are_write_only_a_get_shows_that_one_is_set_never_its_value()
    {
        const string Secret = "s3cr3t-value";
        var id = await CreateAsync("secrets-" + Guid.NewGuid().ToString("N")[..8], Scenario + $$"""
            surfaces:
              issabel: {user.admin: {{Secret}}-1, signingKey: {{Secret}}-2, accessTokenLifetime: "600"}
              voipcenter: {knummer: "{{Guid.NewGuid().ToString("N")[..10]}}", password: {{Secret}}-3, api.007: {{Secret}}-4}
              taridium: {IPPSUser: ipps, IPPSPassword: {{Secret}}-5}
              voipsun: {user.api: {{Secret}}-6}
              ami: {user.manager: {{Secret}}-7, read.manager: "call"}
            """);

        using var admin = host.Client(KeyedHostFixture.AdminKey);
        var text = await admin.GetStringAsync($"/sim/tenants/{id}", Ct);
        Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);

        var surfaces = JsonDocument.Parse(text).RootElement.GetProperty("surfaces");
        Assert.Equal("(set)", surfaces.GetProperty("issabel").GetProperty("user.admin").GetString());
        Assert.Equal("(set)", surfaces.GetProperty("issabel").GetProperty("signingKey").GetString());
        Assert.Equal("600", surfaces.GetProperty("issabel").GetProperty("accessTokenLifetime").GetString());
        Assert.Equal("(set)", surfaces.GetProperty("voipcenter").GetProperty("api.007").GetString());
        Assert.Equal("ipps", surfaces.GetProperty("taridium").GetProperty("IPPSUser").GetString());
        Assert.Equal("call", surfaces.GetProperty("ami").GetProperty("read.manager").GetString());

        // The answer to the PUT that set them does not show them either.
        using var replaced = await admin.PutAsync($"/sim/tenants/{id}", Yaml(Scenario + $"surfaces:\n  issabel: {{user.admin: {Secret}}}\n"), Ct);
        Assert.DoesNotContain(Secret, await replaced.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    private static async Task<string[]> TenantsAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/sim/tenants", Ct)).GetProperty("tenants").EnumerateArray().Select(t => t.GetString()!).ToArray();
}
