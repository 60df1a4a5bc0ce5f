using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using PbxGrains.Tests.Shared;

namespace PbxGrains.Tests.Surfaces.Security;

/// <summary>
/// The host's own Program with control API keys configured (an admin key and two tenants' keys), no start-up scenarios
/// and no traffic: the host as deployed, for the tests of who may do what.
/// </summary>
public sealed class KeyedHostFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminKey = "admin-key-0123456789";
    public const string RedKey = "red-tenant-key-0123456789";
    public const string BlueKey = "blue-tenant-key-0123456789";

    public const int MaxStreamsPerTenant = 3;

    /// <summary>The tenants the tenant keys name; each test makes its own others.</summary>
    public static readonly string Red = "red-" + Guid.NewGuid().ToString("N")[..8];
    public static readonly string Blue = "blue-" + Guid.NewGuid().ToString("N")[..8];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseFreePorts();
        builder.UseSetting("Pbx:Ami:Enabled", "false");
        builder.UseSetting("Pbx:LoadScenarios", "false");
        builder.UseSetting("Pbx:ControlApi:AdminKey", AdminKey);
        builder.UseSetting($"Pbx:ControlApi:TenantKeys:{Red}", RedKey);
        builder.UseSetting($"Pbx:ControlApi:TenantKeys:{Blue}", BlueKey);
        // Low, so that the event stream tests reach the per-tenant limit with a few streams.
        builder.UseSetting("Pbx:EventStreams:MaxStreamsPerTenant", MaxStreamsPerTenant.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>A client that presents <paramref name="key"/> as a bearer token (none: no key).</summary>
    public HttpClient Client(string? key = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    public async ValueTask InitializeAsync()
    {
        using var http = Client();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (!(await http.GetAsync("/health/ready", limit.Token)).IsSuccessStatusCode)
        {
            await Task.Delay(100, limit.Token);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

[CollectionDefinition(Name)]
public sealed class KeyedHostCollection : ICollectionFixture<KeyedHostFixture>
{
    public const string Name = "keyed host";
}
