using System.Globalization;
using System.Xml.Linq;
using PbxGrains.Abstractions.Contracts;

namespace PbxGrains.Tests.Escaux;

/// <summary>
/// What the public Escaux Monitor (MinerBigWhale/Escaux-Monitor, Electron <c>main.js</c>) asks and reads, observed from
/// outside: <c>dbGetQueueInfo.php</c> (<c>Queues.Queue[].Name</c>), <c>ccGetQueueMembers.php?queue=</c>
/// (<c>Members.Member</c>, one or many: <c>Name</c>, <c>Membership</c>, <c>Ext</c>, <c>Phone</c> with
/// <c>Phone.substr(0,4)</c>, <c>Status</c> 1/2/6) and <c>ccGetQueueStatus.php?queue=</c> (<c>Queues.Queue.Name</c>,
/// <c>Queues.Queue.Calls</c>), every answer parsed by fast-xml-parser, which turns any numeric text into a number.
/// </summary>
[Collection(EscauxCollection.Name)]
public sealed class MonitorClientContractTests(EscauxFixture fixture)
{
    private static readonly string[] PhoneResources = ["SDX", "SDP", "SDC", "SDO", "SDB", "SVE"];

    /// <summary>fast-xml-parser's rule for tag values (numbers, e-notation, 0x hex): such text reaches the client as a number.</summary>
    private static bool ParsedAsNumber(string text)
    {
        var value = text.Trim();
        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ||
            (value.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && long.TryParse(value[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out _));
    }

    private async Task<List<XElement>> MembersAsync(string tenant, string query) =>
        [.. (await fixture.XmlAsync(tenant, "/xml/ccGetQueueMembers.php?" + query)).Elements("Member")];

    [Fact]
    public async Task Every_member_of_every_listed_queue_has_a_phone_resource_that_stays_a_string()
    {
        var demo = await fixture.DemoAsync();
        var queues = (await fixture.XmlAsync(demo, "/xml/dbGetQueueInfo.php")).Elements("Queue").Select(q => (string)q.Element("Name")!).ToList();
        Assert.Contains("MC", queues);

        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var queue in queues)
        {
            foreach (var member in await MembersAsync(demo, "queue=" + Uri.EscapeDataString(queue)))
            {
                var phone = (string)member.Element("Phone")!;
                var ext = (string)member.Element("Ext")!;
                Assert.False(ParsedAsNumber(phone), $"{queue}: Phone {phone} would be read as a number");
                Assert.Contains(phone[..3], PhoneResources);
                Assert.True(phone.Length >= 4, phone);                       // substr(0,4) has four characters to look at
                Assert.NotEqual("", ext);
                Assert.NotEqual("", (string)member.Element("Name")!);
                Assert.Contains((string)member.Element("Membership")!, new[] { "static", "dynamic" });
                Assert.InRange(int.Parse((string)member.Element("Status")!, CultureInfo.InvariantCulture), 0, 6);

                // One phone per line: a line keeps its phone across queues, and no two lines share one.
                Assert.Equal(ext, seen.TryAdd(phone, ext) ? ext : seen[phone]);
            }
        }

        // The document's member keeps its desk phone; a line without phones (2003, 2004) has a virtual phone of its own.
        var mc = await MembersAsync(demo, "queue=MC");
        Assert.Equal("SVE20001", (string)mc.Single(m => (string)m.Element("Ext")! == "2002").Element("Phone")!);
        Assert.StartsWith("SVE", (string)mc.Single(m => (string)m.Element("Ext")! == "2003").Element("Phone")!, StringComparison.Ordinal);
        Assert.Equal(5, seen.Values.Intersect(["2000", "2001", "2002", "2003", "2004"]).Count());
    }

    [Fact]
    public async Task A_virtual_phone_id_is_the_same_on_every_read_and_after_a_reload_and_differs_between_tenants()
    {
        var first = await fixture.DemoAsync();
        var second = await fixture.DemoAsync();
        async Task<string> PhoneOf(string tenant, string ext) =>
            (string)(await MembersAsync(tenant, "queue=MC")).Single(m => (string)m.Element("Ext")! == ext).Element("Phone")!;

        var id = await PhoneOf(first, "2003");
        Assert.Equal(id, await PhoneOf(first, "2003"));
        Assert.NotEqual(id, await PhoneOf(second, "2003"));
        Assert.NotEqual(id, await PhoneOf(first, "2004"));

        // Nothing is stored: the tenant loaded again under the same id shows the same phone.
        Assert.True((await fixture.Pbx.DeleteTenantAsync(first)).IsOk);
        Assert.True((await fixture.Pbx.Tenant(first).LoadAsync(fixture.DemoDefinition with { Id = first }, replace: false)).IsOk);
        Assert.Equal(id, await PhoneOf(first, "2003"));
    }

    [Fact]
    public async Task A_virtual_phone_id_works_wherever_a_phone_is_asked_for()
    {
        var demo = await fixture.DemoAsync();
        var phone = (string)(await MembersAsync(demo, "queue=MC")).Single(m => (string)m.Element("Ext")! == "2003").Element("Phone")!;

        Assert.Equal("2003", (string)Assert.Single(await MembersAsync(demo, "queue=MC&phone=" + phone)).Element("Ext")!);
        var paused = await fixture.XmlAsync(demo, $"/xml/ccQueuePause.php?queue=MC&phone={phone}&paused=true");
        Assert.Equal(["1", "MC"], paused.Elements().Select(e => e.Value));
        Assert.Equal("1", (string)Assert.Single(await MembersAsync(demo, "queue=MC&phone=" + phone)).Element("Paused")!);

        Assert.Equal(0, await fixture.ResultAsync(demo, $"/xml/ccQueueAdd.php?queue=GeneralQueueDemo&phone={phone}"));
        Assert.Equal(phone, (string)Assert.Single(await MembersAsync(demo, "queue=GeneralQueueDemo&phone=" + phone)).Element("Phone")!);
        Assert.Equal(0, await fixture.ResultAsync(demo, $"/xml/ccQueueRemove.php?queue=GeneralQueueDemo&phone={phone}"));

        var state = Assert.Single((await fixture.XmlAsync(demo, "/xml/dbGetPhoneState.php?phone_id=" + phone)).Elements("Phone"));
        Assert.Equal(phone, (string)state.Element("name")!);
        Assert.Contains(phone, (await fixture.XmlAsync(demo, "/xml/dbGetRegistration.php")).Elements("Phones").Select(p => (string)p.Element("ID")!));

        // Another tenant's virtual id names nothing here, and a line with phones is not reached by the id its number would give.
        var other = await fixture.DemoAsync();
        var foreign = (string)(await MembersAsync(other, "queue=MC")).Single(m => (string)m.Element("Ext")! == "2003").Element("Phone")!;
        Assert.Equal(1, await fixture.ResultAsync(demo, $"/xml/ccQueueAdd.php?queue=GeneralQueueDemo&phone={foreign}"));
        Assert.Equal(1, await fixture.ResultAsync(demo, $"/xml/ccQueueAdd.php?queue=GeneralQueueDemo&phone={phone[..^4]}2001"));
    }

    [Fact]
    public async Task The_queue_gauge_reads_the_queue_name_and_its_waiting_calls_as_a_number()
    {
        var demo = await fixture.DemoAsync();
        async Task<(string Name, string Calls)> GaugeAsync()
        {
            var queue = (await fixture.XmlAsync(demo, "/xml/ccGetQueueStatus.php?queue=GeneralQueueDemo")).Element("Queue")!;
            return ((string)queue.Element("Name")!, (string)queue.Element("Calls")!);
        }

        Assert.Equal(("GeneralQueueDemo", "0"), await GaugeAsync());
        var caller = await fixture.Pbx.InboundAsync(demo, new InboundCallRequest { CallerIdNumber = "021234567", Destination = "621" });
        Assert.True(caller.IsOk, caller.ToString());
        var waiting = await EscauxFixture.UntilAsync(GaugeAsync, g => g.Calls != "0", "the caller to wait in the queue");
        Assert.Equal(("GeneralQueueDemo", "1"), waiting);
        Assert.True(ParsedAsNumber(waiting.Calls));
        await fixture.Pbx.HangupAsync(demo, caller.Value!.Legs[0].Name);
    }
}
