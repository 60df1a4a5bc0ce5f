using System.Net;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Client;
using PbxGrains.Host.Scenarios;
using PbxGrains.Surfaces.Taridium;
using PbxGrains.Tests.Surfaces.Infrastructure;

namespace PbxGrains.Tests.Surfaces.Taridium;

/// <summary>
/// The repository's scenarios carry the PBX of the Taridium document's examples: every example URL answers as the
/// product would (the default tenant without credentials, the demo tenant with the example's myuser:pass). Each
/// scenario is loaded under a fresh tenant id, its traffic running on the test clock.
/// </summary>
public sealed class ScenarioExampleTests(SurfaceFixture fixture) : IppsTest(fixture)
{
    private static readonly string[] SampleCallers = ["99532356420", "448450043606", "792074279", "444557400", "688677809010", "6596489564", "12124611807"];

    [Fact]
    public async Task The_default_tenant_is_the_documents_PBX_open_without_credentials()
    {
        var definition = await ScenarioAsync("default.yaml");

        var settings = TaridiumSettings.From(definition.Settings, new CountryNames());
        Assert.Equal((true, false, false, 9, "Switzerland", "America/New_York"),
            (settings.Enabled, settings.RequiresAuthentication, settings.RequireSsl, settings.DomesticNumberMaxLen, settings.DefaultCountry, settings.TimeZone.Id));
        AssertSamplePbx(definition);
    }

    [Fact]
    public async Task The_demo_tenant_is_the_documents_PBX_behind_the_examples_user_and_password()
    {
        var definition = await ScenarioAsync("demo.yaml");

        var settings = TaridiumSettings.From(definition.Settings, new CountryNames());
        Assert.Equal((true, true, false, "Belgium"), (settings.Enabled, settings.RequiresAuthentication, settings.RequireSsl, settings.DefaultCountry));
        Assert.True(settings.Authenticate("Basic bXl1c2VyOnBhc3M=")); // myuser:pass
        AssertSamplePbx(definition);
    }

    [Fact]
    public async Task The_documents_example_URLs_answer_on_the_default_tenant_with_or_without_credentials()
    {
        var tenant = await LoadAsync((await ScenarioAsync("default.yaml")) with { Id = NewTenantId() });
        await Wait.Until(() => Pbx.Queue(tenant, "MC").GetSnapshotAsync(), q => !q.Calls.IsEmpty, "the initial calls from abroad to reach MC");

        // http://127.0.0.1/ipps/channelinfo.php?channel=SIP/4003
        var one = await GetAsync(tenant, "/ipps/channelinfo.php?channel=SIP/4003");
        Assert.Equal(HttpStatusCode.OK, one.Status);
        Assert.Matches(ChannelLine(named: false), Assert.Single(one.Lines));

        // http://myuser:pass@127.0.0.1/ipps/channelinfo.php?channel=SIP/4003,SIP/5011 (no credentials configured: ignored)
        var two = await GetAsync(tenant, "/ipps/channelinfo.php?channel=SIP/4003,SIP/5011", ("myuser", "pass"));
        Assert.Equal(HttpStatusCode.OK, two.Status);
        Assert.Collection(two.Lines,
            l => Assert.Matches("^SIP/4003," + ChannelLine(named: false)[1..], l),
            l => Assert.Matches("^SIP/5011,(down,,,,|(ring|up),5007,John McManx,5007@default,[0-9]+\\.[0-9]+)$", l));

        // http://127.0.0.1/ipps/queueactive.php?queue_name=MC&res_cc=1, and with myuser:pass
        foreach (var credentials in new (string, string)?[] { null, ("myuser", "pass") })
        {
            var queue = await GetAsync(tenant, "/ipps/queueactive.php?queue_name=MC&res_cc=1", credentials);
            Assert.Equal(HttpStatusCode.OK, queue.Status);
            Assert.NotEmpty(queue.Lines);
            Assert.All(queue.Lines, l => Assert.Matches(QueueLine("Georgia|United Kingdom|Switzerland|Tuvalu|Singapore|North America and Caribbean"), l));
        }
    }

    [Fact]
    public async Task The_documents_example_URLs_answer_on_the_demo_tenant_with_the_examples_user_and_password_only()
    {
        var tenant = await LoadAsync((await ScenarioAsync("demo.yaml")) with { Id = NewTenantId() });
        await Wait.Until(() => Pbx.Queue(tenant, "MC").GetSnapshotAsync(), q => !q.Calls.IsEmpty, "the initial calls to reach MC");

        Assert.Equal((HttpStatusCode.Unauthorized, "ERROR: AUTHENTICATION FAILED"),
            Pair(await GetAsync(tenant, "/ipps/channelinfo.php?channel=SIP/4003")));
        Assert.Equal((HttpStatusCode.Unauthorized, "ERROR: AUTHENTICATION FAILED"),
            Pair(await GetAsync(tenant, "/ipps/queueactive.php?queue_name=MC&res_cc=1")));

        var two = await GetAsync(tenant, "/ipps/channelinfo.php?channel=SIP/4003,SIP/5011", ("myuser", "pass"));
        Assert.Equal(2, two.Lines.Length);
        Assert.StartsWith("SIP/4003,", two.Lines[0], StringComparison.Ordinal);
        Assert.StartsWith("SIP/5011,", two.Lines[1], StringComparison.Ordinal);
        var queue = await GetAsync(tenant, "/ipps/queueactive.php?queue_name=MC&res_cc=1", ("myuser", "pass"));
        Assert.NotEmpty(queue.Lines);
        Assert.All(queue.Lines, l => Assert.Matches(QueueLine("Belgium|Georgia|United Kingdom|Tuvalu|Singapore|North America and Caribbean", agent: "SIP/[0-9]+"), l));
    }

    [Fact]
    public void A_scenario_extensions_caller_id_number_is_checked()
    {
        var loader = new ScenarioLoader(PbxClock.System);

        var good = loader.Parse("tenant: x\nextensions:\n  - {number: \"5011\", callerIdNumber: \"+5007\"}\n", ScenarioFormat.Yaml);
        var bad = loader.Parse("tenant: x\nextensions:\n  - {number: \"5011\", callerIdNumber: \"50a7\"}\n", ScenarioFormat.Yaml);

        Assert.True(good.IsValid, good.ErrorText);
        Assert.Equal("+5007", good.Definition!.Extensions.Single().CallerIdNumber);
        Assert.Contains(bad.Errors, e => e.Path == "extensions[0].callerIdNumber");
    }

    private static void AssertSamplePbx(TenantDefinition definition)
    {
        var john = definition.Extensions.Single(e => e.Number == "5011");
        Assert.Equal(("John McManx", "5007", "5007@default", "SIP/5011"), (john.Name, john.OutboundCallerIdNumber, john.AccountCode, john.Device));
        Assert.Contains(definition.Extensions, e => e.Device == "SIP/4002");
        Assert.Contains(definition.Extensions, e => e.Device == "SIP/4003");
        var mc = definition.Queues.Single(q => q.Name == "MC");
        Assert.Contains(definition.Traffic, t => (t.Target == mc.Number || t.Target == mc.Name) && SampleCallers.All(t.CallerIds.Contains));
    }

    private static async Task<TenantDefinition> ScenarioAsync(string file)
    {
        var loaded = await new ScenarioLoader(PbxClock.System).ParseFileAsync(Path.Combine(ScenariosFolder(), file), TestContext.Current.CancellationToken);
        Assert.True(loaded.IsValid, $"{file}: {loaded.ErrorText}");
        return loaded.Definition!;
    }

    /// <summary>The repository's scenarios folder, found from the test's build output upwards.</summary>
    private static string ScenariosFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "PbxGrains.sln")))
            {
                return Path.Combine(folder.FullName, "scenarios");
            }
        }

        throw new InvalidOperationException("The repository root (PbxGrains.sln) was not found above the test's output.");
    }

    private static string ChannelLine(bool named) =>
        (named ? "^[^,]+," : "^") + "(down,,,,|(ring|ringing|up),[^,]*,[^,]*,[^,]*,[0-9]+\\.[0-9]+)$";

    private static string QueueLine(string countries, string agent = "SIP/4002") =>
        $"^[0-9]+\\.[0-9]+,[0-9]+,({countries}),(WAITING,[0-2][0-9]:[0-5][0-9]:[0-5][0-9],,|CONNECTED,[0-2][0-9]:[0-5][0-9]:[0-5][0-9],[0-9]+,{agent})$";

    private static (HttpStatusCode, string) Pair(IppsReply reply) => (reply.Status, reply.Body);
}
