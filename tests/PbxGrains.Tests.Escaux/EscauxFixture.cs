using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Client;
using PbxGrains.Host.Scenarios;
using PbxGrains.Surfaces.Escaux;
using PbxGrains.Tests.Shared;

namespace PbxGrains.Tests.Escaux;

/// <summary>The Escaux surface over a two-silo cluster on a fake clock; each test loads the demo scenario as its own tenant.</summary>
public sealed class EscauxFixture() : SurfaceTestHost(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero)), IAsyncLifetime
{
    private TenantDefinition? _demo;

    public ValueTask InitializeAsync() => StartAsync();

    protected override void ConfigureSurface(WebApplicationBuilder builder)
    {
        // The event socket has a suite of its own; here it would only take a port.
        builder.Configuration["Escaux:EventSocket:Enabled"] = "false";
        builder.Services.AddEscaux();
    }

    protected override void MapSurface(WebApplication app) => app.MapEscaux();

    /// <summary>The repository's demo scenario under a fresh tenant id, its traffic left out so nothing calls by itself.</summary>
    public Task<string> DemoAsync() => LoadAsync(DemoDefinition);

    /// <summary>The demo scenario without its traffic, to load under an id of the test's choosing.</summary>
    public TenantDefinition DemoDefinition => (_demo ??= Demo()) with { Traffic = [] };

    public async Task<string> LoadAsync(TenantDefinition definition)
    {
        var id = "e" + Guid.NewGuid().ToString("N")[..16];
        var loaded = await Pbx.Tenant(id).LoadAsync(definition with { Id = id }, replace: false);
        Assert.True(loaded.IsOk, loaded.ToString());
        return id;
    }

    private TenantDefinition Demo()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "scenarios", "demo.yaml")))
        {
            folder = folder.Parent;
        }

        Assert.NotNull(folder);
        var loaded = new ScenarioLoader(new PbxClock(Time)).Parse(File.ReadAllText(Path.Combine(folder.FullName, "scenarios", "demo.yaml")), ScenarioFormat.Yaml);
        Assert.True(loaded.IsValid, loaded.ErrorText);
        return loaded.Definition!;
    }

    public async Task<string> GetAsync(string tenant, string pathAndQuery)
    {
        using var response = await Http.GetAsync(new Uri($"http://localhost/t/{tenant}{pathAndQuery}", UriKind.Absolute));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    public async Task<XElement> XmlAsync(string tenant, string pathAndQuery) => XElement.Parse(await GetAsync(tenant, pathAndQuery));

    public async Task<JsonNode> JsonAsync(string tenant, string pathAndQuery) => JsonNode.Parse(await GetAsync(tenant, pathAndQuery))!;

    /// <summary>The Result code of a call-control answer.</summary>
    public async Task<int> ResultAsync(string tenant, string pathAndQuery) => (int)(await XmlAsync(tenant, pathAndQuery)).Element("Result")!;

    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var last = await probe();
            if (condition(last))
            {
                return last;
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"gave up waiting for {what}");
            await Task.Delay(10);
        }
    }

    public static XElement Golden(string name) => XElement.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", name)));

    public static JsonNode GoldenJson(string name) => JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", name)))!;

    /// <summary>Same elements, in the same order, with the same text (whitespace between elements ignored).</summary>
    public static void SameXml(XElement expected, XElement actual) =>
        Assert.Equal(Normalize(expected).ToString(SaveOptions.DisableFormatting), Normalize(actual).ToString(SaveOptions.DisableFormatting));

    /// <summary>Same members in the same order with the same values.</summary>
    public static void SameJson(JsonNode expected, JsonNode actual) => Assert.Equal(expected.ToJsonString(), actual.ToJsonString());

    private static XElement Normalize(XElement element) => element.HasElements
        ? new XElement(element.Name, element.Elements().Select(Normalize))
        : new XElement(element.Name, element.Value.Trim());
}

[CollectionDefinition(Name)]
public sealed class EscauxCollection : ICollectionFixture<EscauxFixture>
{
    public const string Name = "escaux";
}
