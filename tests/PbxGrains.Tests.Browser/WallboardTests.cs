using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace PbxGrains.Tests.Browser;

/// <summary>
/// The demo tenant's wallboard in Chromium, on a host as <c>dotnet run</c> starts it: it loads from a snapshot, follows
/// the tenant's event stream as calls come and go, and its buttons act on the call model.
/// </summary>
public sealed class WallboardTests(OpenHost host) : IClassFixture<OpenHost>
{
    // A bound on waiting, not a measure of speed: the page shows a change within a second or two on an idle machine.
    private static readonly LocatorWaitForOptions Shown = new() { Timeout = 20_000 };
    private static readonly LocatorWaitForOptions Gone = new() { State = WaitForSelectorState.Detached, Timeout = 20_000 };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_demo_wallboard_shows_its_queues_agents_phones_and_generators_and_goes_live()
    {
        var page = await OpenAsync();

        await page.Locator("#queues tbody tr").First.WaitForAsync(Shown);
        await page.Locator("#agents tbody tr").First.WaitForAsync(Shown);
        await page.Locator("#phones tr[data-extension='5011']").WaitForAsync(Shown);
        await page.Locator("#traffic tbody tr").First.WaitForAsync(Shown);
        Assert.Equal("demo", await page.Locator("#tenant").InnerTextAsync());
        Assert.Contains("MC", await page.Locator("#queues").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(9, await page.Locator("#queues tbody tr").First.Locator("td").CountAsync());
        Assert.Contains("Last 15 min", await page.Locator("#queues thead").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_call_placed_through_the_Escaux_API_appears_and_is_answered_and_hung_up_from_the_wallboard()
    {
        var page = await OpenAsync();

        // Escaux's click-to-call rings phone SDC30015 (extension 104, manual) first; async=true answers at once.
        using (var originated = await host.Http.GetAsync("/t/demo/xml/ccOriginate.php?phone_id=SDC30015&to=102&async=true", Ct))
        {
            Assert.Contains("<ccOriginateResult><Result>0</Result></ccOriginateResult>", await originated.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        var callId = await CallOfAsync("104");
        var row = page.Locator($"#calls tr[data-call-id='{callId}']");
        await row.WaitForAsync(Shown);
        await page.Locator("#phones tr[data-extension='104'] td.state-ringing").WaitForAsync(Shown);
        await Screenshots.SaveAsync(page, "wallboard");

        // Answered from the page: the source leg is up in the call model.
        await page.Locator("#phones tr[data-extension='104']").GetByRole(AriaRole.Button, new() { Name = "Answer" }).ClickAsync();
        await WaitForAsync(async () => (await CallAsync(callId)) is { } call &&
            call.GetProperty("legs").EnumerateArray().Any(l => l.GetProperty("name").GetString()!.StartsWith("SIP/SDC30015-", StringComparison.Ordinal) &&
                l.GetProperty("state").GetString() == "up"), "104's leg up after the wallboard's Answer");

        await page.Locator("#phones tr[data-extension='104']").GetByRole(AriaRole.Button, new() { Name = "Hang up" }).ClickAsync();
        await row.WaitForAsync(Gone);
        Assert.Null(await CallAsync(callId));
    }

    [Fact]
    public async Task A_call_placed_through_the_control_API_appears_its_manual_phone_answered_from_the_wallboard_is_up_and_it_goes_when_hung_up()
    {
        var page = await OpenAsync();

        using var dialled = await host.Http.PostAsJsonAsync("/sim/tenants/demo/calls", new { from = "4002", to = "5011" }, Ct);
        Assert.Equal(HttpStatusCode.Created, dialled.StatusCode);
        var callId = (await dialled.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("callId").GetString()!;

        var row = page.Locator($"#calls tr[data-call-id='{callId}']");
        await row.WaitForAsync(Shown);
        await page.Locator("#phones tr[data-extension='5011']").GetByRole(AriaRole.Button, new() { Name = "Answer" }).ClickAsync();

        await WaitForAsync(async () => (await CallAsync(callId)) is { } call && call.GetProperty("phase").GetString() == "connected" &&
            call.GetProperty("legs").EnumerateArray().Any(l => l.GetProperty("name").GetString()!.StartsWith("SIP/5011-", StringComparison.Ordinal) &&
                l.GetProperty("state").GetString() == "up"), "the call connected after the wallboard's Answer");
        await row.Locator(".leg.state-up").First.WaitForAsync(Shown);

        using (var hungUp = await host.Http.PostAsync("/sim/tenants/demo/extensions/4002/hangup", null, Ct))
        {
            Assert.True(hungUp.IsSuccessStatusCode, await hungUp.Content.ReadAsStringAsync(Ct));
        }

        await row.WaitForAsync(Gone);
    }

    [Fact]
    public async Task A_bad_rate_is_refused_with_the_control_APIs_reason_on_the_page()
    {
        var page = await OpenAsync();
        var generator = page.Locator("#traffic tbody tr").First;
        await generator.WaitForAsync(Shown);

        await generator.Locator("input.rate").FillAsync("-5");
        await generator.GetByRole(AriaRole.Button, new() { Name = "Set" }).ClickAsync();
        await page.Locator("#message.error").WaitForAsync(Shown);
        Assert.Contains("(400)", await page.Locator("#message").InnerTextAsync(), StringComparison.Ordinal);
    }

    private async Task<IPage> OpenAsync()
    {
        var page = await host.NewPageAsync();
        var response = await page.GotoAsync("/wallboard/demo");
        Assert.Equal((int)HttpStatusCode.OK, response!.Status);
        await page.Locator("#status.live").WaitForAsync(Shown);
        return page;
    }

    private async Task<string> CallOfAsync(string extension)
    {
        string? callId = null;
        await WaitForAsync(async () =>
        {
            var view = await host.Http.GetFromJsonAsync<JsonElement>($"/sim/tenants/demo/extensions/{extension}", Ct);
            callId = view.GetProperty("channels").EnumerateArray().Select(c => c.GetProperty("callId").GetString()).FirstOrDefault();
            return callId is not null;
        }, $"a call on {extension}");
        return callId!;
    }

    private async Task<JsonElement?> CallAsync(string callId)
    {
        using var answer = await host.Http.GetAsync($"/sim/tenants/demo/calls/{callId}", Ct);
        if (answer.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        var call = await answer.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return call.GetProperty("phase").GetString() == "ended" ? null : call;
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var limit = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < limit)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100, Ct);
        }

        Assert.Fail($"Not seen within 20 s: {what}.");
    }
}
