using System.Net;

namespace PbxGrains.Tests.Browser;

/// <summary>The front page and the dashboard on a host with control-API keys: what a caller without a key sees.</summary>
public sealed class KeyedFrontPageTests(KeyedHost host) : IClassFixture<KeyedHost>
{
    [Fact]
    public async Task Without_a_key_the_front_page_shows_no_tenant_and_no_silo_and_says_the_key_is_needed()
    {
        var page = await host.NewPageAsync();
        var response = await page.GotoAsync("/");
        Assert.Equal((int)HttpStatusCode.OK, response!.Status);

        Assert.Equal(0, await page.Locator("tr[data-tenant]").CountAsync());
        Assert.Equal(0, await page.Locator("#silos table").CountAsync());
        Assert.Contains("need the control API's key", await page.Locator("#tenants-hidden").InnerTextAsync(), StringComparison.Ordinal);
        var html = await page.ContentAsync();
        Assert.DoesNotContain("voipsun</td>", html, StringComparison.Ordinal);

        // What is public stays: the role, the clock and the links.
        Assert.StartsWith("SiloAndApi", await page.Locator("#role").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator("a[href='/sim/docs']").CountAsync());
        await Screenshots.SaveAsync(page, "front-page-without-key");

        var dashboard = await page.GotoAsync("/dashboard/");
        Assert.Equal((int)HttpStatusCode.Unauthorized, dashboard!.Status);
    }

    [Fact]
    public async Task A_tenant_key_sees_its_tenant_only_and_not_the_dashboard()
    {
        var page = await host.NewPageAsync(new Dictionary<string, string> { ["X-Api-Key"] = KeyedHost.DemoKey });
        await page.GotoAsync("/");
        var rows = await page.Locator("tr[data-tenant]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.tenant)");
        Assert.Equal(["demo"], rows);
        Assert.Equal(0, await page.Locator("#silos table").CountAsync());

        var dashboard = await page.GotoAsync("/dashboard/");
        Assert.Equal((int)HttpStatusCode.Forbidden, dashboard!.Status);
    }

    [Fact]
    public async Task The_admin_key_sees_every_tenant_the_silos_and_the_dashboard()
    {
        var page = await host.NewPageAsync(new Dictionary<string, string> { ["Authorization"] = $"Bearer {KeyedHost.AdminKey}" });
        await page.GotoAsync("/");
        var rows = await page.Locator("tr[data-tenant]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.tenant)");
        Assert.Equal(["default", "demo", "voipsun"], rows);
        Assert.Equal(1, await page.Locator("#silos tbody tr").CountAsync());

        var dashboard = await page.GotoAsync("/dashboard/");
        Assert.Equal((int)HttpStatusCode.OK, dashboard!.Status);
        await page.Locator("h1.brand-title").WaitForAsync();
    }

    [Fact]
    public async Task The_wallboard_without_a_key_says_so_and_with_the_tenants_key_typed_in_goes_live()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync("/wallboard/demo");
        await page.Locator("#status.bad").WaitForAsync(new() { Timeout = 20_000 });
        Assert.Contains("key", await page.Locator("#message").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#queues tbody tr").CountAsync());

        await page.Locator("#key").FillAsync(KeyedHost.DemoKey);
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Use key" }).ClickAsync();
        await page.Locator("#status.live").WaitForAsync(new() { Timeout = 20_000 });
        await page.Locator("#queues tbody tr").First.WaitForAsync(new() { Timeout = 20_000 });

        // The key is kept for the tab only, and never shown back.
        Assert.Equal(KeyedHost.DemoKey, await page.EvaluateAsync<string>("() => sessionStorage.getItem('pbxgrains.controlApiKey')"));
        Assert.Equal("", await page.Locator("#key").InputValueAsync());
        Assert.DoesNotContain(KeyedHost.DemoKey, await page.ContentAsync(), StringComparison.Ordinal);
    }
}
