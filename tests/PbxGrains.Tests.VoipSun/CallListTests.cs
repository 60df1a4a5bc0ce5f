using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Tests.VoipSun.Infrastructure;
using static PbxGrains.Tests.VoipSun.Infrastructure.VoipSunTenantClient;

namespace PbxGrains.Tests.VoipSun;

/// <summary>listcalls, hangupcall, spying and sipstatus; one call seen through every surface; tenants kept apart.</summary>
[Collection(VoipSunCollection.Name)]
public sealed class CallListTests(VoipSunFixture fixture)
{
    private async Task<(ChannelSnapshot Line, ChannelSnapshot Trunk)> OriginatedAndAnsweredAsync(VoipSunTenantClient tenant)
    {
        Assert.Equal(Success, await tenant.RawAsync("username=voipsun&password=secretpwd&action=originate&srcExtenInternalNum=100&dstNum=800123456"));
        await tenant.AnswerAsync("100");
        var channels = await tenant.ChannelsAsync(c => c.Count == 2);
        return (channels.Single(c => c.EndpointKind == EndpointKind.Extension), channels.Single(c => c.EndpointKind == EndpointKind.Trunk));
    }

    [Fact]
    public async Task Listcalls_answers_the_documents_shape_with_every_leg_of_the_originated_call()
    {
        var tenant = await fixture.NewTenantAsync();
        Assert.Equal("""{"success":"true","total":"0","results":[]}""", await tenant.ActionAsync("listcalls"));

        var (line, trunk) = await OriginatedAndAnsweredAsync(tenant);
        fixture.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(
            "{\"success\":\"true\",\"total\":\"2\",\"results\":[" +
            $"{{\"channelName\":\"{line.Name}\",\"context\":\"default\",\"src\":\"000\",\"dst\":\"800123456\",\"duration\":\"2\",\"status\":\"Up\",\"accountCode\":\"SIP_5\",\"sourceType\":\"extension\",\"idChannel\":\"5\"}}," +
            $"{{\"channelName\":\"{trunk.Name}\",\"context\":\"default\",\"src\":\"100\",\"dst\":\"800123456\",\"duration\":\"2\",\"status\":\"Ringing\",\"accountCode\":\"SIPTR_1\",\"sourceType\":\"trunk\",\"idChannel\":\"1\"}}" +
            "]}",
            await tenant.ActionAsync("listcalls"));

        // A line without a database id has no id and no product account code to show.
        Assert.True((await fixture.Pbx.DialAsync(tenant.Tenant, new DialRequest { FromExtension = "400", Destination = "5550103" })).IsOk);
        await tenant.ChannelsAsync(c => c.Count == 4);
        var listed = JsonNode.Parse(await tenant.ActionAsync("listcalls"))!["results"]!.AsArray().Single(r => r!["src"]!.GetValue<string>() == "400" && r["sourceType"]!.GetValue<string>() == "extension")!;
        Assert.Equal(("", "", "extension"), (listed["accountCode"]!.GetValue<string>(), listed["idChannel"]!.GetValue<string>(), listed["sourceType"]!.GetValue<string>()));
    }

    [Fact]
    public async Task An_originated_call_is_seen_by_taridium_channelinfo_and_issabel_manager_status()
    {
        var tenant = await fixture.NewTenantAsync();
        var (line, trunk) = await OriginatedAndAnsweredAsync(tenant);

        var ipps = await fixture.Http.GetStringAsync($"/t/{tenant.Tenant}/ipps/channelinfo.php?channel=SIP/sip100&useid=1");
        Assert.Equal($"SIP/sip100,up,000,Dialer,,{line.UniqueId}\n", ipps);

        using var login = await fixture.Http.PostAsync($"/t/{tenant.Tenant}/pbxapi/authenticate",
            new FormUrlEncodedContent([new("user", "admin"), new("password", VoipSunFixture.IssabelPassword)]));
        var token = JsonNode.Parse(await login.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/t/{tenant.Tenant}/pbxapi/manager/status");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var status = await fixture.Http.SendAsync(request);
        // The real manager controller answers the AMI Status events as a bare array.
        var channels = JsonNode.Parse(await status.Content.ReadAsStringAsync())!.AsArray().Select(c => c!["Channel"]!.GetValue<string>()).ToList();
        Assert.Equal(2, channels.Count);
        Assert.Contains(line.Name, channels);
        Assert.Contains(trunk.Name, channels);
    }

    [Fact]
    public async Task A_call_ended_by_hangupcall_is_in_voipcenters_call_history_with_its_recording()
    {
        var tenant = await fixture.NewTenantAsync();
        var (line, _) = await OriginatedAndAnsweredAsync(tenant);
        Assert.Equal(Success, await tenant.ActionAsync("hangupcall", ("channelName", line.Name)));

        // Signed as the VoipCenter document's PHP signs: hmac(key, apiID knummer pwd m id f ts), pwd = sha256(md5(password)).
        var day = fixture.Time.GetUtcNow().ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        JsonNode? answer = null;
        // A successful get.php is the data itself (the id_N map); an error (an unknown customer, at first) has a head.
        for (var attempt = 0; attempt < 400 && (answer is not JsonObject { Count: > 0 } || answer["head"] is not null); attempt++)
        {
            // The customer directory is rebuilt at most once a second: a new tenant may take that long to be known.
            await Task.Delay(attempt == 0 ? 0 : 50);
            var pwd = Hex(SHA256.HashData(Encoding.ASCII.GetBytes(Hex(MD5.HashData(Encoding.UTF8.GetBytes(VoipSunFixture.Password))))));
            var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            var signed = $"apiID{VoipSunFixture.VoipCenterApiId}knummer{tenant.Knummer}pwd{pwd}mcallsid0fjsonts{ts}";
            var pass = Hex(HMACSHA256.HashData(Encoding.UTF8.GetBytes(VoipSunFixture.VoipCenterKey), Encoding.UTF8.GetBytes(signed)));
            answer = JsonNode.Parse(await fixture.Http.GetStringAsync(
                $"/api/get.php?apiID={VoipSunFixture.VoipCenterApiId}&knummer={tenant.Knummer}&pwd={pwd}&m=calls&id=0&f=json&ts={ts}&pass={pass}&filter={day}"));
        }

        var call = answer!.AsObject().Single().Value!;
        Assert.Equal((line.CallId, "100", "800123456", $"{line.CallId}-100.wav"), (
            call["uniqueid"]!.GetValue<string>(), call["van"]!.GetValue<string>(), call["naar"]!.GetValue<string>(), call["opname"]!.GetValue<string>()));
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Hangupcall_hangs_up_the_named_channel_also_written_with_the_documents_backslash(bool backslash)
    {
        var tenant = await fixture.NewTenantAsync();
        var (line, _) = await OriginatedAndAnsweredAsync(tenant);
        var name = backslash ? line.Name.Replace('/', '\\') : line.Name;
        Assert.Equal(Success, await tenant.ActionAsync("hangupcall", ("channelName", name)));
        Assert.Empty(await tenant.CallsAsync(c => c.Count == 0));
        Assert.Equal(Success, await tenant.ActionAsync("hangupcall", ("channelName", name)));   // gone already: no error
    }

    [Theory]
    [InlineData("srcExtenPublicNum=299299000&dstExtenPublicNum=299299555", "000", "Spy")]
    [InlineData("srcExtenInternalNum=100&dstExtenPublicNum=299299555&spyCid=999", "999", "999")]
    [InlineData("srcExtenId=5&dstSipUsername=sip102&spyCid=999&spyName=Supervisor", "999", "Supervisor")]
    [InlineData("srcSipUsername=sip100&dstExtenId=6&spyName=Kontrola", "000", "Kontrola")]
    [InlineData("srcExtenInternalNum=150&srcDialplanName=pobocka&dstExtenInternalNum=102", "000", "Spy")]
    public async Task Spying_rings_the_spy_with_its_identity_and_listens_once_answered(string parameters, string number, string name)
    {
        var tenant = await fixture.NewTenantAsync();
        Assert.True((await fixture.Pbx.DialAsync(tenant.Tenant, new DialRequest { FromExtension = "102", Destination = "800123456" })).IsOk);
        fixture.Time.Advance(TimeSpan.FromSeconds(4));
        await tenant.ChannelsAsync(c => c.Any(l => l.State == ChannelState.Up && l.Endpoint == "102"));

        Assert.Equal(Success, await tenant.RawAsync($"username=voipsun&password=secretpwd&action=spying&{parameters}"));
        var spy = (await tenant.ChannelsAsync(c => c.Count == 3)).Single(c => c.State == ChannelState.Ringing);
        Assert.Equal((number, name), (spy.CallerIdNumber, spy.CallerIdName));

        await tenant.AnswerAsync(spy.Endpoint);
        var listening = (await tenant.ChannelsAsync(c => c.Any(l => l.SpyTarget is not null))).Single(c => c.Name == spy.Name);
        Assert.StartsWith("SIP/sip102-", listening.SpyTarget, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Spying_on_a_channel_by_name()
    {
        var tenant = await fixture.NewTenantAsync();
        var (_, trunk) = await OriginatedAndAnsweredAsync(tenant);
        fixture.Time.Advance(TimeSpan.FromSeconds(4));
        await tenant.ChannelsAsync(c => c.All(l => l.State == ChannelState.Up));
        Assert.Equal(Success, await tenant.ActionAsync("spying", ("srcSipUsername", "sip102"), ("dstChannelName", trunk.Name)));
        Assert.Contains(await tenant.ChannelsAsync(c => c.Count == 3), c => c.Endpoint == "102" && c.State == ChannelState.Ringing);
    }

    [Fact]
    public async Task Sipstatus_answers_the_documents_shape_with_numbers_and_booleans_where_it_has_them()
    {
        var tenant = await fixture.NewTenantAsync();
        Assert.Equal(
            """{"total":7,"results":[""" +
            """{"id":52,"type":"extension_line","user":"sip100","host":"10.0.0.100","port":"5060","status":"OK (35 ms)","useragent":"snom870\/8.7.3.25.9","regcontact":"sip:sip100@10.0.0.101:5060;line=abc","registry":null,"extension_line_id":"5"},""" +
            """{"id":62,"type":"extension_line","user":"sip102","host":"10.0.0.102","port":"5060","status":"Unmonitored","useragent":"Linphone\/3.6.1","regcontact":"sip:sip102@10.0.0.102:5060","registry":null,"extension_line_id":"6"},""" +
            """{"id":72,"type":"extension_line","user":"150","host":"10.0.0.150","port":"5060","status":"Unmonitored","useragent":"","regcontact":"sip:150@10.0.0.150:5060","registry":null,"extension_line_id":"7"},""" +
            """{"id":82,"type":"extension_line","user":"250","host":"10.0.0.250","port":"5060","status":"Unmonitored","useragent":"","regcontact":"sip:250@10.0.0.250:5060","registry":null,"extension_line_id":"8"},""" +
            """{"id":92,"type":"extension_line","user":"300","host":"(Unspecified)","port":"0","status":"UNKNOWN","useragent":"","regcontact":"","registry":null,"extension_line_id":"9"},""" +
            """{"id":102,"type":"extension_line","user":"301","host":"10.0.0.31","port":"5060","status":"Unmonitored","useragent":"","regcontact":"sip:301@10.0.0.31:5060","registry":null,"extension_line_id":"10"},""" +
            """{"id":11,"type":"sip","user":"upc","host":"(Unspecified)","port":"0","status":"Unmonitored","useragent":"","regcontact":"","registry":null,"sip_id":"1"}""" +
            """],"success":true,"_debug":false}""",
            await tenant.ActionAsync("sipstatus"));
    }

    [Fact]
    public async Task A_user_with_the_call_list_permission_only_lists_calls()
    {
        var tenant = await fixture.NewTenantAsync();
        Assert.Equal("""{"success":"true","total":"0","results":[]}""", await tenant.AsAsync("viewer", "viewerpwd", "listcalls"));
        foreach (var action in (string[])["originate", "dial", "hangupcall", "spying", "sipstatus", "agentlogin", "queuestatus", "moverecord"])
        {
            AssertError(await tenant.AsAsync("viewer", "viewerpwd", action), 100, "Unauthorized user or bad permissions");
        }
    }

    [Fact]
    public async Task Tenants_are_kept_apart()
    {
        var a = await fixture.NewTenantAsync();
        var b = await fixture.NewTenantAsync(("user.voipsun", "jineheslo"));
        var (line, _) = await OriginatedAndAnsweredAsync(a);

        // A's password is not B's; B lists none of A's calls and cannot hang them up.
        AssertError(await b.ActionAsync("listcalls"), 100, "Unauthorized user or bad permissions");
        Assert.Equal("""{"success":"true","total":"0","results":[]}""", await b.AsAsync("voipsun", "jineheslo", "listcalls"));
        Assert.Equal(Success, await b.AsAsync("voipsun", "jineheslo", "hangupcall", ("channelName", line.Name)));
        Assert.Equal(2, (await a.ChannelsAsync(c => c.Count == 2)).Count);

        // Without a tenant prefix the request is the default tenant's, which has no such user.
        using var response = await fixture.Http.GetAsync("/api/api.php?username=voipsun&password=secretpwd&action=listcalls");
        Assert.Equal("""{"success":"false","errno":"100","reason":"Unauthorized user or bad permissions"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_form_post_is_read_as_the_query_string_is()
    {
        var tenant = await fixture.NewTenantAsync();
        using var response = await fixture.Http.PostAsync($"/t/{tenant.Tenant}/api/api.php",
            new FormUrlEncodedContent([new("username", "voipsun"), new("password", "secretpwd"), new("action", "originate"), new("srcExtenId", "5"), new("dstNum", "800123456")]));
        Assert.Equal(Success, await response.Content.ReadAsStringAsync());
        await tenant.SingleCallAsync();
    }
}
