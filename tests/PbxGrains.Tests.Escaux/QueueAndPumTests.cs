using PbxGrains.Surfaces.Escaux;
using static PbxGrains.Tests.Escaux.EscauxFixture;

namespace PbxGrains.Tests.Escaux;

[Collection(EscauxCollection.Name)]
public sealed class QueueAndPumTests(EscauxFixture fixture)
{
    [Fact]
    public async Task The_documents_queue_examples_answer_from_the_demo()
    {
        var demo = await fixture.DemoAsync();

        SameXml(Golden("ccGetQueueMembers-GeneralQueue.xml"), await fixture.XmlAsync(demo, "/xml/ccGetQueueMembers.php?queue=GeneralQueue"));
        SameXml(Golden("ccGetQueueStatus-GeneralQueueDemo.xml"), await fixture.XmlAsync(demo, "/xml/ccGetQueueStatus.php?queue=GeneralQueueDemo"));

        Assert.Equal(0, await fixture.ResultAsync(demo, "/xml/ccQueueAdd.php?queue=GeneralQueueDemo&phone=SDP40001"));
        Assert.Equal(1, await fixture.ResultAsync(demo, "/xml/ccQueueAdd.php?queue=GeneralQueueDemo&phone=SDP40001"));
        var added = (await fixture.XmlAsync(demo, "/xml/ccGetQueueMembers.php?queue=GeneralQueueDemo&phone=SDP40001")).Elements("Member").Single();
        Assert.Equal(["Alice", "4002", "SDP40001", "GeneralQueueDemo"], added.Elements().Take(4).Select(e => e.Value));
        Assert.Equal("dynamic", (string)added.Element("Membership")!);
        Assert.Equal(0, await fixture.ResultAsync(demo, "/xml/ccQueueRemove.php?queue=GeneralQueueDemo&phone=SDP40001"));
        Assert.Equal(1, await fixture.ResultAsync(demo, "/xml/ccQueueRemove.php?queue=GeneralQueueDemo&phone=SDP40001"));
        Assert.Equal(1, await fixture.ResultAsync(demo, "/xml/ccQueueAdd.php?queue=NoQueue&phone=SDP40001"));

        Assert.Equal(0, (int)(await fixture.JsonAsync(demo, "/xml/fusionQueuesSet.json?queues=GeneralQueue,GeneralQueueDemo&phone=SDX60002"))["Result"]!);
        Assert.Equal(2, (await fixture.XmlAsync(demo, "/xml/ccGetQueueMembers.php?phone=SDX60002")).Elements("Member").Count());
        Assert.Equal(0, (int)(await fixture.JsonAsync(demo, "/xml/fusionQueuesRemove.json?queues=GeneralQueue,GeneralQueueDemo&phone=SDX60002"))["Result"]!);
        Assert.Equal(1, (int)(await fixture.JsonAsync(demo, "/xml/fusionQueuesRemove.json?queues=GeneralQueue&phone=SDX60002"))["Result"]!);
    }

    [Fact]
    public async Task Pausing_answers_the_queue_and_pause_all_answers_each_of_its_four_codes()
    {
        var demo = await fixture.DemoAsync();

        var paused = await fixture.XmlAsync(demo, "/xml/ccQueuePause.php?queue=GeneralQueueDemo&phone=SDX10008&paused=true");
        Assert.Equal(["1", "GeneralQueueDemo"], paused.Elements().Select(e => e.Value));
        Assert.Equal("1", (string)(await fixture.XmlAsync(demo, "/xml/ccGetQueueMembers.php?queue=GeneralQueueDemo")).Element("Member")!.Element("Paused")!);
        Assert.Equal(1, await fixture.ResultAsync(demo, "/xml/ccQueuePause.php?queue=GeneralQueueDemo&phone=SDX10008&paused=maybe"));

        async Task<int> PauseAll(string query) => (int)(await fixture.XmlAsync(demo, "/xml/ccQueuePauseAll.php?" + query)).Element("Result")!;
        Assert.Equal(1, await PauseAll("phone=SDX10008&paused=true"));
        Assert.Equal(3, await PauseAll("phone=SDX10008&paused=false"));
        Assert.Equal(0, await PauseAll("phone=SDX99999&paused=true"));
        Assert.Equal(2, await PauseAll("phone=SDB20001&paused=false"));   // a member of no queue
    }

    [Fact]
    public async Task Pum_login_and_logout_move_the_virtual_phone_and_keep_90_seconds_apart()
    {
        var demo = await fixture.DemoAsync();

        SameXml(Golden("pumLogin-2002.xml"), await fixture.XmlAsync(demo, "/xml/pumLogin?ext=2002&phone=SDP80002"));
        Assert.Equal("2002", await fixture.Pbx.Tenant(demo).FindExtensionAsync(Abstractions.Contracts.ExtensionLookup.Device, "SDP80002"));

        var tooSoon = await fixture.XmlAsync(demo, "/xml/pumLogout?ext=2002");
        Assert.Equal("1", (string)tooSoon.Element("Result")!);
        Assert.NotEmpty((string)tooSoon.Element("Error")!);

        fixture.Time.Advance(EscauxApi.PumInterval);
        SameXml(Golden("pumLogout-2002.xml"), await fixture.XmlAsync(demo, "/xml/pumLogout?ext=2002"));
        Assert.Null(await fixture.Pbx.Tenant(demo).FindExtensionAsync(Abstractions.Contracts.ExtensionLookup.Device, "SDP80002"));

        Assert.Equal(1, await fixture.ResultAsync(demo, "/xml/pumLogout.php?ext=2002"));            // not logged in
        Assert.Equal(1, await fixture.ResultAsync(demo, "/xml/pumLogin.php?ext=2002&phone=SDB20001")); // not a shared desk
        Assert.Equal(1, await fixture.ResultAsync(demo, "/xml/pumLogin.php?ext=102&phone=SDP80002"));  // no virtual phone
        Assert.Equal(1, await fixture.ResultAsync(demo, "/xml/pumLogin.php?ext=7777&phone=SDP80002"));
    }
}
