using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Playwright;

namespace PbxGrains.Tests.Browser;

/// <summary>The front page and what it links to, in Chromium, on a host as <c>dotnet run</c> starts it (no keys).</summary>
public sealed class FrontPageTests(OpenHost host) : IClassFixture<OpenHost>
{
    private const string Scenario = """
        tenant: browser
        name: Browser test
        extensions:
          - number: "301"
            registered: true
          - number: "302"
            registered: true
        """;

    [Fact]
    public async Task The_front_page_shows_the_role_the_clock_and_the_demo_tenants_with_their_live_calls()
    {
        var page = await host.NewPageAsync();
        var response = await page.GotoAsync("/");
        Assert.Equal((int)HttpStatusCode.OK, response!.Status);
        Assert.Equal("PbxGrains", await page.TitleAsync());

        Assert.StartsWith("SiloAndApi", await page.Locator("#role").InnerTextAsync(), StringComparison.Ordinal);
        Assert.StartsWith("1 simulated second", await page.Locator("#clock-speed").InnerTextAsync(), StringComparison.Ordinal);
        foreach (var tenant in new[] { "default", "demo", "voipsun" })
        {
            var calls = await page.Locator($"#tenants tr[data-tenant='{tenant}'] td.live-calls").InnerTextAsync();
            Assert.True(int.TryParse(calls, out var count) && count >= 0, $"{tenant}: live calls '{calls}'");
        }

        // One silo, this process.
        Assert.Equal(1, await page.Locator("#silos tbody tr").CountAsync());
        Assert.Contains("(this process)", await page.Locator("#silos tbody tr").InnerTextAsync(), StringComparison.Ordinal);
        await Screenshots.SaveAsync(page, "front-page");
    }

    [Fact]
    public async Task A_tenants_live_calls_on_the_front_page_follow_the_call_model()
    {
        var ct = TestContext.Current.CancellationToken;
        using (var created = await host.Http.PutAsync("/sim/tenants/browser", new StringContent(Scenario, Encoding.UTF8, "application/yaml"), ct))
        {
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync(ct));
        }

        var page = await host.NewPageAsync();
        var cell = page.Locator("#tenants tr[data-tenant='browser'] td.live-calls");
        await ReloadUntilAsync(page, cell, "0");

        using (var dialled = await host.Http.PostAsJsonAsync("/sim/tenants/browser/calls", new { from = "301", to = "302" }, ct))
        {
            Assert.Equal(HttpStatusCode.Created, dialled.StatusCode);
        }

        // The live-call listing learns of a call one way, so the page may need a reload or two to show it.
        await ReloadUntilAsync(page, cell, "1");

        using (var hungUp = await host.Http.PostAsync("/sim/tenants/browser/extensions/301/hangup", null, ct))
        {
            Assert.True(hungUp.IsSuccessStatusCode, await hungUp.Content.ReadAsStringAsync(ct));
        }

        await ReloadUntilAsync(page, cell, "0");
        using var deleted = await host.Http.DeleteAsync("/sim/tenants/browser", ct);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }

    [Fact]
    public async Task Every_link_on_the_front_page_answers_and_the_docs_link_opens_the_control_API_docs()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync("/");
        var links = await page.Locator("a[href^='/']").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        Assert.Contains("/sim/docs", links);
        Assert.Contains("/dashboard/", links);
        Assert.Contains("/t/demo/xml/ccGetChannels", links);
        Assert.Contains("/wallboard/demo", links);

        // A surface's refusal (a credential the link does not carry) is an answer; a 5xx or no answer is not.
        var failures = new List<string>();
        foreach (var link in links.Distinct())
        {
            var answer = await page.APIRequest.GetAsync(link);
            if (answer.Status >= 500)
            {
                failures.Add($"{link}: {answer.Status}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));

        await page.GetByRole(AriaRole.Link, new() { Name = "Control API docs" }).ClickAsync();
        await page.WaitForURLAsync("**/sim/docs/**");
        await page.Locator(".swagger-ui .info .title").WaitForAsync();
        Assert.Contains("PbxGrains control API", await page.Locator(".swagger-ui .info .title").InnerTextAsync(), StringComparison.Ordinal);
        await Screenshots.SaveAsync(page, "sim-docs");

        await page.GotoAsync("/");
        await page.Locator("a.example[href='/t/demo/xml/ccGetChannels']").ClickAsync();
        await page.WaitForURLAsync("**/t/demo/xml/ccGetChannels");
        Assert.Contains("Channels", await page.ContentAsync(), StringComparison.Ordinal);
        await Screenshots.SaveAsync(page, "escaux-ccgetchannels");
    }

    [Fact]
    public async Task The_Orleans_Dashboard_loads_from_the_front_page()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Orleans Dashboard" }).ClickAsync();
        await page.WaitForURLAsync("**/dashboard/**");
        Assert.Equal("Orleans Dashboard", await page.TitleAsync());

        // Rendered by the dashboard's script from its own API: the brand header, the menu and the overview's silo count.
        await page.Locator("h1.brand-title").WaitForAsync();
        await page.Locator("#menu a.nav-link").First.WaitForAsync();
        await page.GetByText("Silos", new() { Exact = true }).First.WaitForAsync();
        await Screenshots.SaveAsync(page, "orleans-dashboard");
    }

    private static async Task ReloadUntilAsync(IPage page, ILocator cell, string expected)
    {
        var limit = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var seen = "";
        while (DateTime.UtcNow < limit)
        {
            await page.GotoAsync("/");
            seen = await cell.CountAsync() == 1 ? await cell.InnerTextAsync() : "(no row)";
            if (seen == expected)
            {
                return;
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        Assert.Fail($"The front page showed {seen} live calls, not {expected}.");
    }
}
