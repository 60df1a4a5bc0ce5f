using System.Text.Json.Nodes;
using System.Xml.Linq;
using static PbxGrains.Tests.Escaux.EscauxFixture;

namespace PbxGrains.Tests.Escaux;

/// <summary>
/// The document's example answers whose values belong to its own PBX (channel names, dates): the live answers have the
/// same elements in the same order, and the values the demo's call gives them.
/// </summary>
[Collection(EscauxCollection.Name)]
public sealed class ShapeTests(EscauxFixture fixture)
{
    [Fact]
    public async Task A_connected_call_between_104_and_102_answers_in_the_documents_shapes()
    {
        var demo = await fixture.DemoAsync();
        Assert.Equal(0, await fixture.ResultAsync(demo, "/xml/ccOriginate.php?phone_id=SDC30015&to=102&async=true"));
        var source = (await UntilAsync(() => fixture.Pbx.ListChannelsAsync(demo), c => c.Length == 1, "104 to ring"))[0];
        Assert.True((await fixture.Pbx.AnswerAsync(demo, source.Name)).IsOk);
        var callee = (await UntilAsync(() => fixture.Pbx.ListChannelsAsync(demo), c => c.Length == 2, "102 to ring")).Single(c => c.Name != source.Name);
        Assert.StartsWith("SIP/SDB20001-", callee.Name, StringComparison.Ordinal);
        Assert.True((await fixture.Pbx.AnswerAsync(demo, callee.Name)).IsOk);

        foreach (var n in new[] { 1, 2, 3 })
        {
            Assert.Equal(0, await fixture.ResultAsync(demo, $"/xml/ccSetvar?channel_id={source.Name}&variable=Variable{n}&value=Variable{n}"));
        }

        var channels = await fixture.XmlAsync(demo, "/xml/ccGetChannels?show_vars=Variable1|Variable2|Variable3");
        SameShape(Golden("ccGetChannels-vars.xml"), channels);
        var first = channels.Elements("Channel").Single(c => (string)c.Element("ID")! == source.Name);
        Assert.Equal((callee.Name, "Up", "Variable1 Variable2 Variable3"),
            ((string)first.Element("Link")!, (string)first.Element("State")!, string.Join(" ", first.Element("Vars")!.Elements().Select(e => e.Value))));

        var phone = await fixture.XmlAsync(demo, "/xml/dbGetPhoneState.php?phone_id=SDB20001");
        SameShape(Golden("dbGetPhoneState.xml"), phone);
        var state = phone.Element("Phone")!;
        Assert.Equal(("Internal Conversation", callee.Name, source.Name, "127.0.0.1"),
            ((string)state.Element("state")!, (string)state.Element("localchannel")!, (string)state.Element("remotechannel")!, (string)state.Element("ip")!));
        Assert.Matches(@"^\d{1,2}-\d{1,2} \d{1,2}:\d{1,2}:\d{1,2}$", (string)state.Element("lastcall")!);

        SameShape(Golden("dbGetRegistration.xml"), await fixture.XmlAsync(demo, "/xml/dbGetRegistration.php"));

        Assert.Equal(0, await fixture.ResultAsync(demo, $"/xml/ccPark.php?channel_id={source.Name}"));
        SameShape(Golden("dbGetParkedChannels.xml"), await fixture.XmlAsync(demo, "/xml/dbGetParkedChannels.php"));

        Assert.Equal(0, await fixture.ResultAsync(demo, $"/xml/ccHangup.php?channel_id={source.Name}"));
        await UntilAsync(() => fixture.Pbx.ListChannelsAsync(demo), c => c.IsEmpty, "the call to end");
        var idle = (await fixture.XmlAsync(demo, "/xml/dbGetPhoneState.php?phone_id=SDB20001")).Element("Phone")!;
        Assert.Equal(("Idle", "", state.Element("lastcall")!.Value), ((string)idle.Element("state")!, (string)idle.Element("localchannel")!, (string)idle.Element("lastcall")!));
        Assert.Equal("", (string)(await fixture.XmlAsync(demo, "/xml/dbGetPhoneState.php?phone_id=SDO30001")).Element("Phone")!.Element("lastcall")!);

        var history = await fixture.XmlAsync(demo, "/xml/dbGetCallHistory.php?ext=102&limit=5&start_date=2026-01-01%2000:00:00");
        SameShape(Golden("dbGetCallHistory.xml"), history);
        Assert.Equal("201", (string)history.Element("Call")!.Element("disposition")!);   // answered on the primary phone
        var json = await fixture.JsonAsync(demo, "/xml/dbGetCallHistory.json?ext=104&limit=5&start_date=2026-01-01%2000:00:00");
        Assert.Equal(Keys(GoldenJson("dbGetCallHistory.json")["CallHistory"]![0]!), Keys(json["CallHistory"]![0]!));
        Assert.Equal("001", (string?)json["CallHistory"]![0]!["disposition"]);
    }

    private static string[] Keys(JsonNode node) => [.. node.AsObject().Select(p => p.Key)];

    /// <summary>Same element names in the same order; a run of same-named siblings (a list) counts as one.</summary>
    private static void SameShape(XElement expected, XElement actual) => Assert.Equal(Shape(expected), Shape(actual));

    private static string Shape(XElement element)
    {
        var children = new List<string>();
        foreach (var child in element.Elements())
        {
            var shape = Shape(child);
            if (children.Count == 0 || children[^1] != shape)
            {
                children.Add(shape);
            }
        }

        return children.Count == 0 ? element.Name.LocalName : $"{element.Name.LocalName}({string.Join(",", children)})";
    }
}
