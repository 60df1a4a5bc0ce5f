using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Surfaces.VoipSun;
using PbxGrains.Tests.VoipSun.Infrastructure;
using static PbxGrains.Tests.VoipSun.Infrastructure.VoipSunTenantClient;

namespace PbxGrains.Tests.VoipSun;

/// <summary>Every error code of the document, provoked by the condition the document gives it, with its exact text.</summary>
[Collection(VoipSunCollection.Name)]
public sealed class ErrorTests(VoipSunFixture fixture)
{
    [Theory]
    [InlineData("username=voipsun&password=wrong&action=listcalls")]
    [InlineData("username=nobody&password=secretpwd&action=listcalls")]
    [InlineData("password=secretpwd&action=listcalls")]
    [InlineData("username=voipsun&action=listcalls")]
    [InlineData("username=viewer&password=viewerpwd&action=originate&srcExtenInternalNum=100&dstNum=800123456")]
    [InlineData("username=viewer&password=viewerpwd&action=sipstatus")]
    [InlineData("username=viewer&password=viewerpwd&action=agentstatus&agentNumber=1000&agentPin=1234")]
    public async Task Error_100_is_a_bad_user_or_password_or_an_action_the_user_may_not_use(string query)
    {
        var tenant = await fixture.NewTenantAsync();
        Assert.Equal("""{"success":"false","errno":"100","reason":"Unauthorized user or bad permissions"}""", await tenant.RawAsync(query));
    }

    [Theory]
    [InlineData("username=voipsun&password=secretpwd&action=reboot")]
    [InlineData("username=voipsun&password=secretpwd")]
    [InlineData("username=voipsun&password=secretpwd&action=ORIGINATE")]
    public async Task Error_110_is_an_unknown_action(string query)
    {
        var tenant = await fixture.NewTenantAsync();
        AssertError(await tenant.RawAsync(query), 110, "Unknown action");
    }

    [Theory]
    [InlineData("originate", "srcExtenInternalNum=100")]
    [InlineData("originate", "dstNum=800123456")]
    [InlineData("dial", "dstNum=800123456&context=pospojeni")]
    [InlineData("dial", "outrouteName=odchozi&context=pospojeni")]
    [InlineData("dial", "dstNum=800123456&outrouteName=odchozi")]
    [InlineData("spying", "srcExtenInternalNum=100")]
    [InlineData("spying", "dstExtenInternalNum=102")]
    [InlineData("spying", "srcExtenId=5&dstSipUsernamem=sip102")]   // the document's own example misspells dstSipUsername
    [InlineData("agentlogin", "agentNumber=1000&agentPin=1234")]
    [InlineData("agentlogin", "srcExtenInternalNum=100&agentNumber=1000")]
    [InlineData("agentlogout", "agentNumber=1000")]
    [InlineData("agentpause", "agentPin=1234")]
    [InlineData("agentunpause", "")]
    [InlineData("agentadd", "agentNumber=1000&agentPin=1234")]
    [InlineData("agentremove", "agentNumber=1000&agentPin=1234")]
    [InlineData("agentstatus", "agentNumber=1000")]
    [InlineData("queuestatus", "")]
    [InlineData("moverecord", "cdrId=10000")]
    [InlineData("moverecord", "filename=new_record.wav")]
    public async Task Error_120_is_a_missing_required_parameter(string action, string parameters)
    {
        var tenant = await fixture.NewTenantAsync();
        AssertError(await tenant.RawAsync($"username=voipsun&password=secretpwd&action={action}&{parameters}"), 120, "Missing required parameters");
    }

    [Fact]
    public async Task Error_200_is_more_than_one_way_of_choosing_the_line_exactly_as_the_document_prints_it()
    {
        var tenant = await fixture.NewTenantAsync();
        Assert.Equal(
            """{"success":"false","errno":"200","reason":"Use only one of next variables: srcExtenPublicNum, srcExtenInternalNum, srcExtenId, srcSipUsername"}""",
            await tenant.ActionAsync("originate", ("srcExtenInternalNum", "100"), ("srcSipUsername", "sip100"), ("dstNum", "800123456")));
    }

    [Theory]
    [InlineData("srcExtenInternalNum=150", 201, "Parameter dialPlanName missing")]
    [InlineData("srcExtenPublicNum=299299999", 202, "Extension not found")]
    [InlineData("srcExtenId=99", 202, "Extension not found")]
    [InlineData("srcSipUsername=sip999", 202, "Extension not found")]
    [InlineData("srcExtenInternalNum=150&dialplanName=pobocka2", 203, "Dialplan not found")]
    [InlineData("srcExtenInternalNum=102&dialplanName=pobocka", 202, "Extension not found")]
    public async Task Errors_201_to_203_are_an_ambiguous_internal_number_a_missing_line_and_a_missing_dialplan(string source, int errno, string reason)
    {
        var tenant = await fixture.NewTenantAsync();
        AssertError(await tenant.RawAsync($"username=voipsun&password=secretpwd&action=originate&{source}&dstNum=800123456"), errno, reason);
    }

    [Fact]
    public async Task Error_210_is_a_line_registered_from_another_host()
    {
        var tenant = await fixture.NewTenantAsync();
        AssertError(
            await tenant.ActionAsync("originate", ("srcExtenInternalNum", "100"), ("dstNum", "800123456"), ("checkIpHost", "10.0.0.9")),
            210,
            "SIP host IP address mismatch. Channel SIP/sip100 is registered from IP 10.0.0.100 but requested IP address is 10.0.0.9");
        Assert.Equal(Success, await tenant.ActionAsync("originate", ("srcExtenInternalNum", "100"), ("dstNum", "800123456"), ("checkIpHost", "10.0.0.100")));
    }

    [Fact]
    public async Task Error_211_is_a_contact_with_another_address()
    {
        var tenant = await fixture.NewTenantAsync();
        AssertError(
            await tenant.ActionAsync("originate", ("srcExtenInternalNum", "100"), ("dstNum", "800123456"), ("checkIpContact", "10.0.0.100")),
            211,
            "SIP host contact IP address mismatch. Contact IP address of the channel SIP/sip100 is 10.0.0.101, but requested IP address is 10.0.0.100");
        Assert.Equal(Success, await tenant.ActionAsync("originate", ("srcExtenInternalNum", "100"), ("dstNum", "800123456"), ("checkIpContact", "10.0.0.101")));
    }

    [Fact]
    public async Task Error_220_is_a_line_that_is_not_registered()
    {
        var tenant = await fixture.NewTenantAsync();
        AssertError(await tenant.ActionAsync("originate", ("srcExtenInternalNum", "300"), ("dstNum", "800123456"), ("checkExten", "1")), 220, "SIP channel is unreacheable");
        Assert.Empty(await fixture.Pbx.ListCallsAsync(tenant.Tenant));

        // A registered line with no channel is free: the check passes and the line rings.
        Assert.Equal(Success, await tenant.ActionAsync("originate", ("srcExtenInternalNum", "100"), ("dstNum", "800123456"), ("checkExten", "1")));
        Assert.Equal("100", (await tenant.SingleCallAsync()).Legs.Single().Endpoint);
    }

    [Fact]
    public async Task Error_224_is_a_line_that_is_dialling_out()
    {
        var tenant = await fixture.NewTenantAsync();
        Assert.True((await fixture.Pbx.DialAsync(tenant.Tenant, new DialRequest { FromExtension = "150", Destination = "5550103" })).IsOk);
        AssertError(await tenant.ActionAsync("originate", ("srcExtenInternalNum", "150"), ("dialplanName", "default"), ("dstNum", "800123456"), ("checkExten", "yes")),
            224, "SIP channel status - Line is ringing");
    }

    [Fact]
    public async Task Errors_225_and_226_are_a_line_that_rings_and_a_line_in_a_call()
    {
        var tenant = await fixture.NewTenantAsync();
        Assert.True((await fixture.Pbx.DialAsync(tenant.Tenant, new DialRequest { FromExtension = "400", Destination = "102" })).IsOk);
        AssertError(await tenant.ActionAsync("originate", ("srcSipUsername", "sip102"), ("dstNum", "800123456"), ("checkExten", "1")),
            225, "SIP channel status - Remote end is ringing");

        await tenant.AnswerAsync("102");
        AssertError(await tenant.ActionAsync("originate", ("srcSipUsername", "sip102"), ("dstNum", "800123456"), ("checkExten", "1")),
            226, "SIP channel status - Line is up");
    }

    [Theory]
    [InlineData(1, 221, "SIP channel status - Channel is down, but reservered")]
    [InlineData(2, 222, "SIP channel status - Channel is off hook")]
    [InlineData(3, 223, "SIP channel status - Digits (or equivalent) have been dialed")]
    [InlineData(4, 224, "SIP channel status - Line is ringing")]
    [InlineData(5, 225, "SIP channel status - Remote end is ringing")]
    [InlineData(6, 226, "SIP channel status - Line is up")]
    [InlineData(7, 227, "SIP channel status - Line is busy")]
    [InlineData(0, 228, "SIP channel stauts - Channel is down and available")]
    public void Errors_221_to_228_name_the_Asterisk_state_of_the_lines_channel(int state, int errno, string reason)
    {
        // The call model's legs are never reserved, off hook or dialling, and are busy or down only within one of the
        // call's turns, so these states are checked where the state is turned into the code.
        Assert.Equal((errno, reason), VoipSunErrors.ChannelStatus(state));
    }

    [Theory]
    [InlineData("outrouteName=neznama")]
    [InlineData("outrouteId=99")]
    [InlineData("outrouteId=abc")]
    [InlineData("outrouteName=odchozi&outrouteId=7")]
    public async Task Error_250_is_an_outroute_that_does_not_exist(string route)
    {
        var tenant = await fixture.NewTenantAsync();
        AssertError(await tenant.RawAsync($"username=voipsun&password=secretpwd&action=dial&dstNum=800123456&{route}&context=pospojeni"), 250, "Outroute not found!");
        Assert.Empty(await fixture.Pbx.ListCallsAsync(tenant.Tenant));
    }

    [Fact]
    public async Task Errors_300_and_301_are_the_documents_own_answers_to_conflicting_selectors()
    {
        var tenant = await fixture.NewTenantAsync();
        Assert.Equal(
            """{"success":"false","errno":"300","reason":"Use only one of next variables: srcExtenPublicNum, srcExtenInternalNum, srcExtenId, srcSipUsername"}""",
            await tenant.ActionAsync("spying", ("srcExtenInternalNum", "100"), ("srcExtenId", "5"), ("dstExtenInternalNum", "102")));
        Assert.Equal(
            """{"success":"false","errno":"301","reason":"Use only one of next variables: dstExtenPublicNum, dstExtenInternalNum, dstExtenId, dstSipUsername, dstChannelName"}""",
            await tenant.ActionAsync("spying", ("srcExtenInternalNum", "100"), ("dstExtenInternalNum", "102"), ("dstChannelName", "SIP/sip102-00000001")));
    }

    [Theory]
    [InlineData("srcExtenInternalNum=150&dstExtenInternalNum=102", 302, "Source parameter srcDialplanName missing")]
    [InlineData("srcExtenId=77&dstExtenInternalNum=102", 303, "Source extension not found")]
    [InlineData("srcExtenInternalNum=150&srcDialplanName=nikde&dstExtenInternalNum=102", 304, "Source dialplan not found")]
    [InlineData("srcExtenInternalNum=100&dstExtenInternalNum=150", 310, "Destination parameter dstDialplanName missing")]
    [InlineData("srcExtenInternalNum=100&dstExtenPublicNum=111", 311, "Destination extension not found")]
    [InlineData("srcExtenInternalNum=100&dstChannelName=SIP/sip102-0000ffff", 311, "Destination extension not found")]
    [InlineData("srcExtenInternalNum=100&dstExtenInternalNum=102", 311, "Destination extension not found")]   // a line with no call to listen to
    [InlineData("srcExtenInternalNum=100&dstExtenInternalNum=150&dstDialplanName=nikde", 312, "Destination dialplan not found")]
    public async Task Errors_302_to_312_are_the_spy_and_its_target_not_found(string parameters, int errno, string reason)
    {
        var tenant = await fixture.NewTenantAsync();
        AssertError(await tenant.RawAsync($"username=voipsun&password=secretpwd&action=spying&{parameters}"), errno, reason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("&channelName=")]
    [InlineData("&channelName=%20")]
    public async Task Error_400_is_an_empty_channel_name(string parameter)
    {
        var tenant = await fixture.NewTenantAsync();
        AssertError(await tenant.RawAsync($"username=voipsun&password=secretpwd&action=hangupcall{parameter}"), 400, "Parameter channelName is empty");
    }

    [Theory]
    [InlineData("srcExtenInternalNum=100&agentNumber=1000&agentPin=9999", 500, "Agent not found, or bad authorization credentials!")]
    [InlineData("srcExtenInternalNum=100&agentNumber=7777&agentPin=1234", 500, "Agent not found, or bad authorization credentials!")]
    [InlineData("srcExtenInternalNum=100&srcExtenId=5&agentNumber=1000&agentPin=1234", 501, "Use only one of next variables: srcExtenPublicNum, srcExtenInternalNum, srcExtenId, srcSipUsername.")]
    [InlineData("srcExtenInternalNum=150&agentNumber=1000&agentPin=1234", 502, "Parameter dialPlanName missing")]
    [InlineData("srcExtenInternalNum=999&agentNumber=1000&agentPin=1234", 503, "Extension not found")]
    [InlineData("srcExtenInternalNum=150&dialplanName=nikde&agentNumber=1000&agentPin=1234", 504, "Dialplan not found")]
    public async Task Errors_500_to_504_are_a_bad_agent_or_line_at_login(string parameters, int errno, string reason)
    {
        var tenant = await fixture.NewTenantAsync();
        AssertError(await tenant.RawAsync($"username=voipsun&password=secretpwd&action=agentlogin&{parameters}"), errno, reason);
        Assert.Null((await fixture.Pbx.Agent(tenant.Tenant, "1000").GetAsync())!.Extension);
    }

    [Theory]
    [InlineData("agentlogout", "", 550)]
    [InlineData("agentpause", "", 580)]
    [InlineData("agentunpause", "", 590)]
    [InlineData("agentadd", "&queueName=FrontaIT", 601)]
    [InlineData("agentremove", "&queueName=FrontaIT", 611)]
    [InlineData("agentstatus", "", 620)]
    public async Task Errors_550_to_620_are_an_agent_that_does_not_exist_or_a_wrong_pin(string action, string extra, int errno)
    {
        var tenant = await fixture.NewTenantAsync();
        foreach (var credentials in (string[])["agentNumber=1000&agentPin=4321", "agentNumber=1002&agentPin=1234"])
        {
            AssertError(await tenant.RawAsync($"username=voipsun&password=secretpwd&action={action}&{credentials}{extra}"), errno, "Agent not found, or bad authorization credentials!");
        }
    }

    [Theory]
    [InlineData("agentadd", 600)]
    [InlineData("agentremove", 610)]
    public async Task Errors_600_and_610_are_a_queue_that_does_not_exist(string action, int errno)
    {
        var tenant = await fixture.NewTenantAsync();
        AssertError(await tenant.ActionAsync(action, ("agentNumber", "1000"), ("agentPin", "1234"), ("queueName", "FrontaABC")), errno, "Queue FrontaABC not found!");
    }

    [Fact]
    public async Task Errors_630_to_636_are_the_agents_line_when_it_is_checked_and_not_free()
    {
        var tenant = await fixture.NewTenantAsync();
        async Task<string> StatusAsync() => await tenant.ActionAsync("agentstatus", ("agentNumber", "1000"), ("agentPin", "1234"), ("checkExten", "1"));
        async Task LoginAtAsync(string extension)
        {
            await fixture.Pbx.Agent(tenant.Tenant, "1000").LogoutAsync();
            Assert.True((await fixture.Pbx.Agent(tenant.Tenant, "1000").LoginAsync(extension, "1234")).IsOk);
        }

        await LoginAtAsync("150");
        Assert.Equal("""{"success":"true","reason":"Agent 1000 is logged in. Line is free"}""", await StatusAsync());

        await LoginAtAsync("300");   // not registered
        AssertError(await StatusAsync(), 631, "Line is unavailable'");

        await LoginAtAsync("301");   // do not disturb: busy
        AssertError(await StatusAsync(), 636, "Line is busy");

        await LoginAtAsync("150");
        var call = await fixture.Pbx.DialAsync(tenant.Tenant, new DialRequest { FromExtension = "400", Destination = "150" });
        AssertError(await StatusAsync(), 633, "Line is ringing");
        await tenant.AnswerAsync("150");
        AssertError(await StatusAsync(), 632, "Line is In use");

        var leg = (await fixture.Pbx.Extension(tenant.Tenant, "150").GetAsync()).Channels.Single();
        Assert.True((await fixture.Pbx.HoldAsync(tenant.Tenant, leg.Name)).IsOk);
        AssertError(await StatusAsync(), 634, "Line in On hold");
        Assert.True((await fixture.Pbx.UnholdAsync(tenant.Tenant, leg.Name)).IsOk);

        Assert.True((await fixture.Pbx.DialAsync(tenant.Tenant, new DialRequest { FromExtension = "102", Destination = "150" })).IsOk);
        AssertError(await StatusAsync(), 635, "Line is not free");   // in a call and ringing again

        await fixture.Pbx.HangupAsync(tenant.Tenant, call.Value!.Legs[0].Name);
        Assert.True((await fixture.Pbx.Tenant(tenant.Tenant).RemoveExtensionAsync("150")).IsOk);
        AssertError(await StatusAsync(), 630, "SIP channel is unreacheable");   // the line is gone
    }

    [Fact]
    public async Task Errors_800_and_801_are_a_cdr_that_does_not_exist_and_one_without_a_recording()
    {
        var tenant = await fixture.NewTenantAsync();
        AssertError(await tenant.ActionAsync("moverecord", ("cdrId", "10000"), ("path", "/mnt/nas")), 800, "CDR record not found!");
        AssertError(await tenant.ActionAsync("moverecord", ("cdrId", "1772442000.10000"), ("path", "/mnt/nas")), 800, "CDR record not found!");
        AssertError(await tenant.ActionAsync("moverecord", ("cdrId", "abc"), ("path", "/mnt/nas")), 800, "CDR record not found!");

        var call = await fixture.Pbx.DialAsync(tenant.Tenant, new DialRequest { FromExtension = "150", Destination = "800123456" });
        await fixture.Pbx.HangupAsync(tenant.Tenant, call.Value!.Legs[0].Name);
        AssertError(await tenant.ActionAsync("moverecord", ("cdrId", call.Value.CallId), ("path", "/mnt/nas")), 801, "CDR not contain any information about audio record!");
        AssertError(await tenant.ActionAsync("moverecord", ("cdrId", Sequence(call.Value.CallId)), ("path", "/mnt/nas")), 801, "CDR not contain any information about audio record!");
    }

    [Fact]
    public async Task Errors_810_811_and_812_are_a_folder_that_cannot_be_made_a_missing_file_and_a_destination_that_cannot_be_written()
    {
        var tenant = await fixture.NewTenantAsync();
        var recorded = await Recordings.RecordedCallAsync(tenant, "first.wav");
        var path = "/var/spool/asterisk/monitor/first.wav";

        AssertError(await tenant.ActionAsync("moverecord", ("cdrId", recorded), ("path", "/opt/records")), 810,
            "Destination folder does not exist and mkdir command failed. Please check parent folder permissions!'");
        AssertError(await tenant.ActionAsync("moverecord", ("cdrId", recorded), ("path", "/etc")), 812,
            "Cannot move file to (/etc/first.wav). Check destination folder permissions!");
        AssertError(await tenant.ActionAsync("moverecord", ("cdrId", recorded), ("filename", "a/b.wav")), 812,
            "Cannot move file to (/var/spool/asterisk/monitor/a/b.wav). Check destination folder permissions!");

        var other = await Recordings.RecordedCallAsync(tenant, "second.wav");
        AssertError(await tenant.ActionAsync("moverecord", ("cdrId", other), ("filename", "first.wav")), 812,
            "Cannot move file to (/var/spool/asterisk/monitor/first.wav). Check destination folder permissions!");

        Assert.True((await fixture.Pbx.Recordings(tenant.Tenant).DeleteAsync(path)).IsOk);
        AssertError(await tenant.ActionAsync("moverecord", ("cdrId", recorded), ("path", "/mnt/nas")), 811,
            $"Source file ({path}) not exist or insufficient permissions to read them!");
    }

    [Fact]
    public async Task Error_811_is_also_a_recording_whose_call_was_never_answered()
    {
        // The CDR names the file the line would have recorded into, but no audio ever flowed, so there is no file.
        var tenant = await fixture.NewTenantAsync();
        Assert.Equal(Success, await tenant.ActionAsync("originate", ("srcExtenInternalNum", "100"), ("dstNum", "800123456"), ("monitorFilename", "never.wav")));
        var call = (await tenant.SingleCallAsync());
        await fixture.Pbx.HangupAsync(tenant.Tenant, call.Legs[0].Name);
        AssertError(await tenant.ActionAsync("moverecord", ("cdrId", call.CallId), ("path", "/mnt/nas")), 811,
            "Source file (/var/spool/asterisk/monitor/never.wav) not exist or insufficient permissions to read them!");
    }

    public static string Sequence(string uniqueId) => uniqueId[(uniqueId.IndexOf('.') + 1)..];
}
