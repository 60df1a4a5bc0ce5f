using System.Collections.Immutable;
using System.Xml.Linq;
using PbxGrains.Abstractions.Contracts;
using static PbxGrains.Tests.Escaux.EscauxFixture;

namespace PbxGrains.Tests.Escaux;

[Collection(EscauxCollection.Name)]
public sealed class DirectoryTests(EscauxFixture fixture)
{
    [Fact]
    public async Task The_documents_directory_examples_answer_from_the_demo_in_json_and_xml()
    {
        var demo = await fixture.DemoAsync();

        SameJson(GoldenJson("dbGetDirectoryInfo-login.json"), await fixture.JsonAsync(demo, "/xml/dbGetDirectoryInfo.json?login=sergey@google.com"));
        SameXml(Golden("dbGetDirectoryInfo-login.xml"), await fixture.XmlAsync(demo, "/xml/dbGetDirectoryInfo.php?login=sergey@google.com"));
    }

    [Fact]
    public async Task Php_answers_xml_json_answers_json_and_an_unknown_tenant_has_an_empty_directory()
    {
        var demo = await fixture.DemoAsync();

        using var xml = await fixture.Http.GetAsync(new Uri($"http://localhost/t/{demo}/xml/dbGetQueueInfo.php", UriKind.Absolute));
        Assert.Equal("text/xml; charset=utf-8", xml.Content.Headers.ContentType!.ToString());
        using var json = await fixture.Http.PostAsync(new Uri($"http://localhost/t/{demo}/xml/dbGetDirectoryInfo.json", UriKind.Absolute),
            new FormUrlEncodedContent([new("ext", "599"), new("wildcards", "strict")]));
        Assert.Equal("application/json; charset=utf-8", json.Content.Headers.ContentType!.ToString());
        Assert.Contains("\"email\":\"sergey@google.com\"", await json.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal("[]", await fixture.GetAsync("nosuchtenant", "/xml/dbGetDirectoryInfo.json"));
        Assert.Equal("<DirectoryInfo></DirectoryInfo>", await fixture.GetAsync("nosuchtenant", "/xml/dbGetDirectoryInfo.php"));
    }

    [Fact]
    public async Task Filters_contain_by_default_match_whole_values_when_strict_and_take_a_star_when_translating()
    {
        var tenant = await fixture.LoadAsync(new TenantDefinition
        {
            Id = "x",
            Extensions = [.. new[] { "067", "671", "672", "555" }.Select(n => new ExtensionConfig { Number = n, Person = new PersonDetails { Email = $"u{n}@example.com" } })],
        });

        async Task<string[]> Exts(string query) =>
            [.. (await fixture.XmlAsync(tenant, "/xml/dbGetDirectoryInfo.php?" + query)).Elements("DirectoryEntry").Select(e => (string)e.Element("ext")!)];

        Assert.Equal(["067", "671", "672"], await Exts("ext=67"));
        Assert.Equal(["671", "672"], await Exts("ext=67_&wildcards=strict"));
        Assert.Equal(["671", "672"], await Exts("ext=67*&wildcards=translate"));
        Assert.Empty(await Exts("ext=67*&wildcards=strict"));
        Assert.Equal(["555"], await Exts("ext=%5%"));
        Assert.Equal(["067"], await Exts("ext=0"));
        Assert.Equal(["555"], await Exts("email=U555@EXAMPLE.COM&wildcards=strict"));
        Assert.Empty(await Exts("site=%"));   // a NULL site matches nothing
    }

    [Fact]
    public async Task Hidden_entries_need_show_invisible_and_profile_parameters_come_with_a_P_prefix_for_parameter_sets()
    {
        var demo = await fixture.DemoAsync();

        Assert.Empty((await fixture.XmlAsync(demo, "/xml/dbGetDirectoryInfo.php?ext=4003&wildcards=strict")).Elements());
        Assert.Single((await fixture.XmlAsync(demo, "/xml/dbGetDirectoryInfo.php?ext=4003&wildcards=strict&show_invisible=1")).Elements());

        var entry = (await fixture.JsonAsync(demo, "/xml/dbGetDirectoryInfo.json?ext=102&wildcards=strict&show_profile_parameters=1"))[0]!;
        Assert.Equal("1000", (string?)entry["ForwardNumber"]);
        Assert.Equal("", (string?)entry["P_CFU.Number"]);
        Assert.Null(entry["CFU.Number"]);
        Assert.Equal("SDB20001", (string?)entry["dp"]);
    }

    [Fact]
    public async Task Registrations_and_phone_states_cover_the_inventory_the_lines_and_the_shared_desks()
    {
        var demo = await fixture.DemoAsync();

        var phones = (await fixture.XmlAsync(demo, "/xml/dbGetRegistration.php")).Elements("Phones").ToDictionary(p => (string)p.Element("ID")!);
        Assert.Equal("1", (string)phones["SDB20001"].Element("Registered")!);
        Assert.Equal("127.0.0.1", (string)phones["SDB20001"].Element("IPaddress")!);
        Assert.Equal(("-none-", "0", "0"), ((string)phones["SDP80002"].Element("IPaddress")!, (string)phones["SDP80002"].Element("IPport")!, (string)phones["SDP80002"].Element("Registered")!));

        var state = Assert.Single((await fixture.XmlAsync(demo, "/xml/dbGetPhoneState.php?phone_id=SDB20001")).Elements("Phone"));
        Assert.Equal(["SDB20001", "000B8200FBB5", "Idle"], state.Elements().Take(3).Select(e => e.Value));
        Assert.Empty((await fixture.XmlAsync(demo, "/xml/dbGetPhoneState.php?phone_id=SDB20001&phone_state=Ringing")).Elements());
    }

    [Fact]
    public async Task Queue_info_lists_every_queue()
    {
        var demo = await fixture.DemoAsync();

        var queues = (await fixture.XmlAsync(demo, "/xml/dbGetQueueInfo.php")).Elements("Queue").Select(q => ((string)q.Element("Id")!, (string)q.Element("Name")!)).ToList();
        Assert.Contains(("620", "GeneralQueue"), queues);
        Assert.Contains(("621", "GeneralQueueDemo"), queues);
    }
}
