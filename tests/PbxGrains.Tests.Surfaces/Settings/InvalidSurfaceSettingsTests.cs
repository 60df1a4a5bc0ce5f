using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PbxGrains.Tests.Surfaces.DocumentExamples;

namespace PbxGrains.Tests.Surfaces.Settings;

/// <summary>The host refuses a scenario whose surface settings a surface could not read, as it refuses any bad field.</summary>
[Collection(DefaultHostCollection.Name)]
public sealed class InvalidSurfaceSettingsTests(DefaultHostFixture host)
{
    [Fact]
    public async Task A_typo_in_a_surface_setting_is_a_400_InvalidScenario_naming_the_key_and_no_tenant_is_made()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = "typo-" + Guid.NewGuid().ToString("N")[..8];
        const string scenario = "surfaces:\n  taridium: {IPPSEnabled: ture}\n";

        using var response = await host.Http.PutAsync($"/sim/tenants/{id}", new StringContent(scenario, Encoding.UTF8, "application/yaml"), ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.Equal("InvalidScenario", problem.GetProperty("error").GetString());
        Assert.Equal(["surfaces.taridium.IPPSEnabled: must be true or false"], problem.GetProperty("errors").EnumerateArray().Select(e => e.GetString()));
        using var absent = await host.Http.GetAsync($"/sim/tenants/{id}", ct);
        Assert.Equal(HttpStatusCode.NotFound, absent.StatusCode);
    }
}
