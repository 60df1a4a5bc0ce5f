using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Tests.VoipSun.Infrastructure;
using static PbxGrains.Tests.VoipSun.Infrastructure.VoipSunTenantClient;

namespace PbxGrains.Tests.VoipSun;

/// <summary>originate and dial: every parameter the document gives them, as the call model shows the call.</summary>
[Collection(VoipSunCollection.Name)]
public sealed class OriginateAndDialTests(VoipSunFixture fixture)
{
    [Theory]
    [InlineData("srcExtenPublicNum=299299000")]
    [InlineData("srcExtenInternalNum=100")]
    [InlineData("srcExtenId=5")]
    [InlineData("srcSipUsername=sip100")]
    [InlineData("srcExtenInternalNum=100&dialplanName=default")]
    public async Task Each_of_the_documents_four_ways_rings_the_same_line_first(string source)
    {
        var tenant = await fixture.NewTenantAsync();
        Assert.Equal(Success, await tenant.RawAsync($"username=voipsun&password=secretpwd&action=originate&{source}&dstNum=800123456"));
        var call = (await tenant.SingleCallAsync());
        var leg = Assert.Single(call.Legs);
        Assert.Equal(("100", ChannelState.Ringing, "000", "Dialer"), (leg.Endpoint, leg.State, leg.CallerIdNumber, leg.CallerIdName));
        Assert.StartsWith("SIP/sip100-", leg.Name, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Originate_shows_the_dialer_identity_dials_with_the_override_and_stores_the_custom_cdr_columns()
    {
        var tenant = await fixture.NewTenantAsync();
        Assert.Equal(Success, await tenant.ActionAsync("originate",
            ("srcExtenPublicNum", "299299000"), ("dstNum", "800123456"), ("dialerCid", "299299111"), ("dialerName", "Firma s.r.o."),
            ("overrideCallerId", "222333444"), ("customCDR1", "zakaznik-42"), ("customCDR2", "7"), ("customCDR3", "x y"), ("customCDR4", "čtyři"),
            ("macro", "pozdrav"), ("dstRingTimeout", "40")));
        var source = (await tenant.SingleCallAsync()).Legs.Single();
        Assert.Equal(("299299111", "Firma s.r.o.", "pozdrav"), (source.CallerIdNumber, source.CallerIdName, source.Variables["MACRO"]));

        await tenant.AnswerAsync("100");
        var trunk = (await tenant.ChannelsAsync(c => c.Count == 2)).Single(c => c.EndpointKind == EndpointKind.Trunk);
        Assert.Equal(("800123456", "222333444", ChannelState.Ringing), (trunk.Exten, trunk.CallerIdNumber, trunk.State));

        await fixture.Pbx.HangupAsync(tenant.Tenant, source.Name);
        var cdr = await fixture.Pbx.FindCdrAsync(tenant.Tenant, source.CallId);
        Assert.NotNull(cdr);
        Assert.Equal(
            [new("CustomCDR1", "zakaznik-42"), new("CustomCDR2", "7"), new("CustomCDR3", "x y"), new("CustomCDR4", "čtyři")],
            cdr.CustomFields.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("dialerCid=customCDR3&customCDR3=602111222", "602111222", "602111222")]
    [InlineData("dialerCid=customCDR1&customCDR1=11&dialerName=Kampan", "11", "Kampan")]
    [InlineData("dialerCid=777", "777", "777")]
    [InlineData("dialerName=Jen+jmeno", "000", "Jen jmeno")]
    public async Task The_dialer_caller_id_may_come_from_a_custom_cdr_column(string parameters, string number, string name)
    {
        var tenant = await fixture.NewTenantAsync();
        Assert.Equal(Success, await tenant.RawAsync($"username=voipsun&password=secretpwd&action=originate&srcExtenInternalNum=100&dstNum=800123456&{parameters}"));
        var leg = (await tenant.SingleCallAsync()).Legs.Single();
        Assert.Equal((number, name), (leg.CallerIdNumber, leg.CallerIdName));
    }

    [Fact]
    public async Task The_source_ring_timeout_ends_an_unanswered_originate()
    {
        var tenant = await fixture.NewTenantAsync();
        Assert.Equal(Success, await tenant.ActionAsync("originate", ("srcExtenInternalNum", "150"), ("dialplanName", "default"), ("dstNum", "800123456"), ("srcRingTimeout", "5")));
        var call = (await tenant.SingleCallAsync());
        fixture.Time.Advance(TimeSpan.FromSeconds(6));
        Assert.Empty(await tenant.ChannelsAsync(c => c.Count == 0));
        Assert.Equal(CdrDisposition.NoAnswer, (await fixture.Pbx.FindCdrAsync(tenant.Tenant, call.CallId))!.Disposition);
    }

    [Fact]
    public async Task A_line_that_records_its_calls_records_into_the_monitor_file_and_path()
    {
        var tenant = await fixture.NewTenantAsync();
        var callId = await Recordings.RecordedCallAsync(tenant, "hovor-1.wav", "/mnt/nahravky/2026");
        var file = Assert.Single(await fixture.Pbx.Recordings(tenant.Tenant).FindByCallAsync(callId));
        Assert.Equal(("/mnt/nahravky/2026/hovor-1.wav", "/mnt/nahravky/2026/hovor-1.wav"), (file.Path, file.RecordedAs));
        Assert.Equal("/mnt/nahravky/2026/hovor-1.wav", (await fixture.Pbx.FindCdrAsync(tenant.Tenant, callId))!.RecordingFile);
    }

    [Fact]
    public async Task A_line_that_does_not_record_its_calls_ignores_the_monitor_file()
    {
        var tenant = await fixture.NewTenantAsync();
        Assert.Equal(Success, await tenant.ActionAsync("originate", ("srcExtenId", "7"), ("dstNum", "800123456"), ("monitorFilename", "x.wav"), ("monitorType", "mixmonitor")));
        var call = (await tenant.SingleCallAsync());
        await tenant.AnswerAsync("150");
        await fixture.Pbx.HangupAsync(tenant.Tenant, call.Legs[0].Name);
        Assert.Null((await fixture.Pbx.FindCdrAsync(tenant.Tenant, call.CallId))!.RecordingFile);
        Assert.Empty(await fixture.Pbx.Recordings(tenant.Tenant).ListAsync());
    }

    [Fact]
    public async Task Moverecord_moves_renames_or_both_as_the_documents_three_examples()
    {
        var tenant = await fixture.NewTenantAsync();
        var callId = await Recordings.RecordedCallAsync(tenant, "record.wav");
        var store = fixture.Pbx.Recordings(tenant.Tenant);

        Assert.Equal(Success, await tenant.RawAsync($"username=voipsun&password=secretpwd&action=moverecord&cdrId={callId}&filename=new_record.wav&path=/mnt/nas_server/asterisk/2018"));
        Assert.Equal("/mnt/nas_server/asterisk/2018/new_record.wav", (await store.FindByCallAsync(callId)).Single().Path);

        var sequence = ErrorTests.Sequence(callId);
        Assert.Equal(Success, await tenant.RawAsync($"username=voipsun&password=secretpwd&action=moverecord&cdrId={sequence}&path=/tmp/archiv"));
        Assert.Equal("/tmp/archiv/new_record.wav", (await store.FindByCallAsync(callId)).Single().Path);

        Assert.Equal(Success, await tenant.RawAsync($"username=voipsun&password=secretpwd&action=moverecord&cdrId={callId}&filename=final.wav"));
        Assert.Equal("/tmp/archiv/final.wav", (await store.FindByCallAsync(callId)).Single().Path);
        Assert.True(await store.FolderExistsAsync("/mnt/nas_server/asterisk"));
    }

    [Fact]
    public async Task Dial_calls_the_number_through_the_outroute_and_hands_the_answered_call_to_the_context()
    {
        var tenant = await fixture.NewTenantAsync();
        Assert.Equal(Success, await tenant.RawAsync(
            "username=voipsun&password=secretpwd&action=dial&dialerCid=299299000&dstNum=800123456&outrouteName=odchozi&context=pospojeni&hangupContext=nevyzvednuto&customCDR1=k1"));
        var leg = (await tenant.SingleCallAsync()).Legs.Single();
        Assert.StartsWith("SIP/upc-", leg.Name, StringComparison.Ordinal);
        Assert.Equal(("800123456", "299299000", ChannelState.Ringing, "odchozi"), (leg.Exten, leg.CallerIdNumber, leg.State, leg.Variables["OUTROUTE"]));

        fixture.Time.Advance(TimeSpan.FromSeconds(4));   // the outside world answers after 3 s
        var up = (await tenant.ChannelsAsync(c => c.Count == 1 && c[0].State == ChannelState.Up)).Single();
        Assert.Equal("pospojeni", up.Context);
        var listed = await tenant.JsonAsync("listcalls");
        Assert.Equal("pospojeni", listed["results"]![0]!["context"]!.GetValue<string>());

        await fixture.Pbx.HangupAsync(tenant.Tenant, up.Name);
        var cdr = (await fixture.Pbx.FindCdrAsync(tenant.Tenant, up.CallId))!;
        Assert.Equal(("pospojeni", CdrDisposition.Answered, "k1"), (cdr.DestinationContext, cdr.Disposition, cdr.CustomFields["CustomCDR1"]));
    }

    [Fact]
    public async Task Dial_by_outroute_id_ends_an_unanswered_call_in_the_hangup_context()
    {
        var tenant = await fixture.NewTenantAsync();
        Assert.Equal(Success, await tenant.ActionAsync("dial", ("dstNum", "5550103"), ("outrouteId", "7"), ("context", "pospojeni"), ("hangupContext", "nevyzvednuto"), ("dstRingTimeout", "5")));
        var call = (await tenant.SingleCallAsync());
        Assert.Equal(("000", "Dialer"), (call.Legs[0].CallerIdNumber, call.Legs[0].CallerIdName));
        fixture.Time.Advance(TimeSpan.FromSeconds(6));
        Assert.Empty(await tenant.ChannelsAsync(c => c.Count == 0));
        var cdr = (await fixture.Pbx.FindCdrAsync(tenant.Tenant, call.CallId))!;
        Assert.Equal(("nevyzvednuto", CdrDisposition.NoAnswer), (cdr.DestinationContext, cdr.Disposition));
    }

    [Fact]
    public async Task Dial_into_a_context_that_does_not_exist_places_no_call_as_the_document_says()
    {
        var tenant = await fixture.NewTenantAsync();
        Assert.Equal(Success, await tenant.ActionAsync("dial", ("dstNum", "800123456"), ("outrouteName", "odchozi"), ("context", "neexistuje")));
        Assert.Empty(await fixture.Pbx.ListCallsAsync(tenant.Tenant));
    }
}
