using System.Net;
using System.Text;

namespace PbxGrains.Tests.Surfaces.Security;

/// <summary>A value that selects a tenant (VoipCenter's knummer) belongs to one tenant: a second claim is refused at load.</summary>
[Collection(KeyedHostCollection.Name)]
public sealed class TenantSelectorUniquenessTests(KeyedHostFixture host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static StringContent Knummer(string knummer, string apiId) =>
        new($"surfaces:\n  voipcenter: {{knummer: \"{knummer}\", api.{apiId}: \"private-{apiId}\"}}\n", Encoding.UTF8, "application/yaml");

    [Fact]
    public async Task A_second_tenant_claiming_a_knummer_another_holds_is_409_by_put_and_post_and_the_holder_keeps_it()
    {
        var knummer = Random.Shared.NextInt64(1_000_000_000, 9_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var holder = "holder-" + Guid.NewGuid().ToString("N")[..8];
        var intruder = "intruder-" + Guid.NewGuid().ToString("N")[..8];
        using var admin = host.Client(KeyedHostFixture.AdminKey);

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync($"/sim/tenants/{holder}", Knummer(knummer, "1"), Ct)).StatusCode);

        using (var put = await admin.PutAsync($"/sim/tenants/{intruder}", Knummer(knummer, "2"), Ct))
        {
            Assert.Equal(HttpStatusCode.Conflict, put.StatusCode);
            var text = await put.Content.ReadAsStringAsync(Ct);
            Assert.Contains("CredentialInUse", text, StringComparison.Ordinal);
            Assert.Contains($"surfaces.voipcenter.knummer: '{knummer}' belongs to another tenant", text, StringComparison.Ordinal);
            Assert.DoesNotContain(holder, text, StringComparison.Ordinal);
        }

        var post = new StringContent($"tenant: {intruder}\nsurfaces:\n  voipcenter: {{knummer: \"{knummer}\"}}\n", Encoding.UTF8, "application/yaml");
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync("/sim/tenants", post, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/sim/tenants/{intruder}", Ct)).StatusCode);

        // The holder may load itself again with its own knummer; once it is gone, the knummer is free.
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync($"/sim/tenants/{holder}", Knummer(knummer, "3"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/sim/tenants/{holder}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync($"/sim/tenants/{intruder}", Knummer(knummer, "2"), Ct)).StatusCode);
    }
}
