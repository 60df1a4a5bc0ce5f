using System.Net;
using System.Text;
using PbxGrains.Tests.Surfaces.DocumentExamples;

namespace PbxGrains.Tests.Surfaces.Sim;

/// <summary>
/// <c>/sim/tenants/{tenant}/…</c> believes a tenant it found for a moment instead of asking the tenant's grain on every
/// request; a tenant deleted or created through this process is seen at once all the same.
/// </summary>
[Collection(DefaultHostCollection.Name)]
public sealed class TenantExistenceTests(DefaultHostFixture host)
{
    private const string Scenario = "extensions:\n  - {number: \"100\", registered: true}\n";

    [Fact]
    public async Task A_tenant_deleted_through_this_process_is_not_found_at_once_and_a_new_one_is_found_at_once()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = "exists-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.GetAsync($"/sim/tenants/{id}/extensions", ct)).StatusCode);

        using (var created = await host.Http.PutAsync($"/sim/tenants/{id}", new StringContent(Scenario, Encoding.UTF8, "application/yaml"), ct))
        {
            Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync($"/sim/tenants/{id}/extensions", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await host.Http.DeleteAsync($"/sim/tenants/{id}", ct)).StatusCode);

        using var gone = await host.Http.GetAsync($"/sim/tenants/{id}/extensions", ct);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Contains("TenantNotFound", await gone.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        using var phone = await host.Http.PostAsync($"/sim/tenants/{id}/extensions/100/answer", null, ct);
        Assert.Equal(HttpStatusCode.NotFound, phone.StatusCode);
    }
}
