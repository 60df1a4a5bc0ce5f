using System.Net;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Tests.Surfaces.Infrastructure;

namespace PbxGrains.Tests.Surfaces.Taridium;

/// <summary><c>/ipps/channelinfo.php</c>: every field, useid, merged queries and the missing-channel error.</summary>
public sealed class ChannelInfoTests(SurfaceFixture fixture) : IppsTest(fixture)
{
    /// <summary>The document's sample PBX: SIP/4002 idle, John McManx at SIP/5011 presenting 5007, SIP/4003 to call.</summary>
    private static readonly ExtensionConfig[] SamplePhones =
    [
        Phone("4002", "Alice"),
        Phone("4003", "Bob", accountCode: "support"),
        Phone("5011", "John McManx", callerIdNumber: "5007", accountCode: "5007@default"),
    ];

    [Fact]
    public async Task The_documents_sample_lines_come_out_exactly_for_an_idle_SIP_4002_and_a_calling_SIP_5011()
    {
        var tenant = await LoadAsync(Open, SamplePhones);
        await DialAsync(tenant, "1267042128.359", "5011", "4003");

        var reply = await GetAsync(tenant, "/ipps/channelinfo.php?channel=SIP/4002,SIP/5011");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(Golden.Read("channelinfo-sample.txt"), reply.Body);
    }

    [Fact]
    public async Task One_channel_is_answered_without_its_name_unless_useid_is_1()
    {
        var tenant = await LoadAsync(Open, SamplePhones);
        await DialAsync(tenant, "1267042128.360", "5011", "4003");

        Assert.Equal("ring,5007,John McManx,5007@default,1267042128.360\n", (await GetAsync(tenant, "/ipps/channelinfo.php?channel=SIP/5011")).Body);
        Assert.Equal("SIP/5011,ring,5007,John McManx,5007@default,1267042128.360\n",
            (await GetAsync(tenant, "/ipps/channelinfo.php?channel=SIP/5011&useid=1")).Body);
        Assert.Equal("down,,,,\n", (await GetAsync(tenant, "/ipps/channelinfo.php?channel=SIP/4002")).Body);
        Assert.Equal("SIP/4002,down,,,,\n", (await GetAsync(tenant, "/ipps/channelinfo.php?channel=SIP/4002&useid=1")).Body);
        Assert.Equal("down,,,,\n", (await GetAsync(tenant, "/ipps/channelinfo.php?channel=SIP/4002&useid=0")).Body);
    }

    [Fact]
    public async Task The_called_side_is_ringing_then_both_sides_are_up_with_the_callers_identity_and_their_own_unique_ids()
    {
        var tenant = await LoadAsync(Open, SamplePhones);
        await DialAsync(tenant, "1267042128.361", "5011", "4003");
        var callee = await RingingAsync(tenant, "4003");

        // The called leg shows the calling channel's caller id and carries its own unique id and account code.
        Assert.Equal($"SIP/4003,ringing,5007,John McManx,support,{callee.UniqueId}\n",
            (await GetAsync(tenant, "/ipps/channelinfo.php?channel=SIP/4003&useid=1")).Body);
        Assert.NotEqual("1267042128.361", callee.UniqueId);

        await AnswerAsync(tenant, callee);
        await EventuallyAsync(tenant, "/ipps/channelinfo.php?channel=SIP/5011,SIP/4003",
            $"SIP/5011,up,5007,John McManx,5007@default,1267042128.361\nSIP/4003,up,5007,John McManx,support,{callee.UniqueId}\n");

        await HangupAsync(tenant, callee.Name);
        await EventuallyAsync(tenant, "/ipps/channelinfo.php?channel=SIP/5011,SIP/4003", "SIP/5011,down,,,,\nSIP/4003,down,,,,\n");
    }

    [Fact]
    public async Task A_call_from_outside_shows_the_outside_caller_id_on_the_ringing_extension()
    {
        var tenant = await LoadAsync(Open, SamplePhones);
        var call = await InboundAsync(tenant, "4002", "99532356420");
        var ringing = await RingingAsync(tenant, "4002");

        Assert.Equal($"ringing,99532356420,,,{ringing.UniqueId}\n", (await GetAsync(tenant, "/ipps/channelinfo.php?channel=SIP/4002")).Body);
        await HangupAsync(tenant, TrunkLeg(call));
    }

    [Fact]
    public async Task A_merged_query_answers_one_line_per_requested_channel_in_the_order_asked_and_skips_empty_names()
    {
        var tenant = await LoadAsync(Open, SamplePhones);
        await DialAsync(tenant, "1267042128.362", "5011", "4003");
        var callee = await RingingAsync(tenant, "4003");

        var reply = await GetAsync(tenant, "/ipps/channelinfo.php?channel=SIP/4003,,SIP/9999,SIP/5011,SIP/4003,");

        Assert.Equal(
            [
                $"SIP/4003,ringing,5007,John McManx,support,{callee.UniqueId}",
                "SIP/9999,down,,,,",
                "SIP/5011,ring,5007,John McManx,5007@default,1267042128.362",
                $"SIP/4003,ringing,5007,John McManx,support,{callee.UniqueId}",
            ],
            reply.Lines);
    }

    [Fact]
    public async Task A_full_channel_name_is_answered_too()
    {
        var tenant = await LoadAsync(Open, SamplePhones);
        await DialAsync(tenant, "1267042128.363", "5011", "4003");
        var callee = await RingingAsync(tenant, "4003");

        Assert.Equal($"{callee.Name},ringing,5007,John McManx,support,{callee.UniqueId}\n",
            (await GetAsync(tenant, $"/ipps/channelinfo.php?channel={callee.Name}&useid=1")).Body);
        Assert.Equal("SIP/4003-ffffffff,down,,,,\n", (await GetAsync(tenant, "/ipps/channelinfo.php?channel=SIP/4003-ffffffff&useid=1")).Body);
    }

    [Theory]
    [InlineData("/ipps/channelinfo.php")]
    [InlineData("/ipps/channelinfo.php?channel=")]
    [InlineData("/ipps/channelinfo.php?channel=,")]
    [InlineData("/ipps/channelinfo.php?useid=1")]
    public async Task No_channel_answers_the_documented_error(string path)
    {
        var tenant = await LoadAsync(Open, SamplePhones);

        var reply = await GetAsync(tenant, path);

        Assert.Equal((HttpStatusCode.OK, "ERROR: NO CHANNEL SUPPLIED"), (reply.Status, reply.Body));
    }

    private async Task DialAsync(string tenant, string callId, string from, string to)
    {
        var dialled = await Pbx.Call(tenant, callId).DialAsync(new DialRequest { FromExtension = from, Destination = to });
        Assert.True(dialled.IsOk, $"dial {from} to {to}: {dialled}");
        Assert.Equal(ChannelState.Ring, dialled.Value!.Legs.Single(l => l.Endpoint == from).State);
    }
}
