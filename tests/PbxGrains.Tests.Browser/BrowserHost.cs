using System.Globalization;
using System.Reflection;
using Microsoft.Playwright;
using PbxGrains.Tests.Shared.Processes;

namespace PbxGrains.Tests.Browser;

/// <summary>
/// The real host (its build output, as a child process on a free loopback port: a browser needs a real Kestrel port)
/// with the shipped scenarios and the Orleans Dashboard on, and one headless Debian Chromium driven by Playwright.
/// Without <c>/usr/bin/chromium</c> nothing starts and every test is skipped with the install command.
/// </summary>
public abstract class BrowserHost : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    public const string MissingMessage =
        $"chromium is not installed ({Chromium}), so the browser tests are skipped: install it with `apt-get install chromium`.";

    private static readonly TimeSpan StartupLimit = TimeSpan.FromSeconds(90);

    private HostProcess? _host;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public Uri BaseAddress => Host.BaseAddress;

    public HttpClient Http => Host.Http;

    public string Output => Host.Output;

    // Without the browser nothing was started, and whatever a test touches first skips it.
    private HostProcess Host => _host ?? SkipOrFail();

    /// <summary>Settings beyond the free ports and the dashboard.</summary>
    protected abstract IEnumerable<KeyValuePair<string, string>> Settings { get; }

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Chromium))
        {
            return;
        }

        var dll = typeof(BrowserHost).Assembly.GetCustomAttribute<HostBuildAttribute>()!.Path;
        _host = HostProcess.Start(dll, new Dictionary<string, string>
        {
            ["Orleans:SiloPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            ["Escaux:EventSocket:Port"] = "0",
            ["Pbx:Ami:Port"] = "0",
            // HostProcess runs the Production environment, where the dashboard is off unless asked for.
            ["Orleans:Dashboard:Enabled"] = "true",
        }.Concat(Settings));
        await _host.WaitReadyAsync(StartupLimit, TestContext.Current.CancellationToken);

        // The package's own node driver (.playwright/ in the build output) runs Debian's browser: nothing is downloaded.
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true });
    }

    private static HostProcess SkipOrFail()
    {
        if (!File.Exists(Chromium))
        {
            Assert.Skip(MissingMessage);
        }

        throw new InvalidOperationException("The host is not started.");
    }

    /// <summary>A fresh browser context (its own cookies) at the host, sending <paramref name="headers"/> with every request.</summary>
    public async Task<IPage> NewPageAsync(IDictionary<string, string>? headers = null)
    {
        if (_browser is null)
        {
            Assert.Skip(MissingMessage);
        }

        var context = await _browser.NewContextAsync(new()
        {
            BaseURL = BaseAddress.ToString(),
            ExtraHTTPHeaders = headers,
            ViewportSize = new() { Width = 1280, Height = 900 },
        });
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>The <c>dotnet run</c> default: no control-API key, so the control API (and the dashboard) answer loopback callers.</summary>
public sealed class OpenHost : BrowserHost
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings => [];
}

/// <summary>A host with an administrator key and a key for the demo tenant.</summary>
public sealed class KeyedHost : BrowserHost
{
    public const string AdminKey = "browser-admin-key-0123456789";
    public const string DemoKey = "browser-demo-key-0123456789";

    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("Pbx:ControlApi:AdminKey", AdminKey),
        new("Pbx:ControlApi:TenantKeys:demo", DemoKey),
    ];
}

/// <summary>Saves a page's picture under the test output's <c>TestResults/screenshots/</c>, the artifacts of a run.</summary>
public static class Screenshots
{
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public static async Task<string> SaveAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, $"{name}.png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        return path;
    }
}
