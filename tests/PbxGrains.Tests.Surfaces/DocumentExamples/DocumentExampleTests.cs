using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Client;

namespace PbxGrains.Tests.Surfaces.DocumentExamples;

/// <summary>
/// Every example request of the five vendor documents (vendor-docs/), sent as the document writes it — only scheme,
/// host and port changed, no <c>/t/{tenant}</c> prefix — to the host as <c>dotnet run</c> starts it, and answered as the
/// document shows. Each test names the document's lines. Where an example cannot be sent as written the test says why:
/// a placeholder (<c>[channel_id]</c>) gets a value of the demo PBX, a channel name of a call that was live when the
/// document was written is replaced by a live call's, a signed VoipCenter URL is signed afresh (its <c>ts</c> must
/// be now), and a typo of the document is sent as meant.
/// The Issabel, VoipCenter and Escaux answers are checked for success and their key fields only (their exact
/// shapes are the surfaces' own tests'); Taridium's and VoIPSUN's are checked whole where the document prints them.
/// </summary>
[Collection(DefaultHostCollection.Name)]
public sealed partial class DocumentExampleTests(DefaultHostFixture host)
{
    private const string VoipSunSuccess = """{"success":"true"}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Http => host.Http;

    private PbxClient Pbx => host.Services.GetRequiredService<PbxClient>();

    // ---- Taridium ipbx IPPS (taridium-ipbx-ipps.txt) -----------------------------------------------------------------

    [Fact]
    public async Task Taridium_every_example_URL_answers_without_a_prefix()
    {
        // Line 46: http://127.0.0.1/ipps/channelinfo.php?channel=SIP/4003
        var one = await GetAsync("/ipps/channelinfo.php?channel=SIP/4003");
        Assert.Equal(HttpStatusCode.OK, one.Status);
        Assert.Matches(ChannelLine(), one.Body);

        // Line 47: http://myuser:pass@127.0.0.1/ipps/channelinfo.php?channel=SIP/4003,SIP/5011
        var two = await GetAsync("/ipps/channelinfo.php?channel=SIP/4003,SIP/5011", Basic("myuser", "pass"));
        Assert.Equal(HttpStatusCode.OK, two.Status);
        var lines = two.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("SIP/4003,", lines[0], StringComparison.Ordinal);
        Assert.Matches("^SIP/5011,(down,,,,|(ring|ringing|up),5007,John McManx,5007@default,[0-9]+\\.[0-9]+)$", lines[1]);

        // Lines 109 and 110: queueactive.php?queue_name=MC&res_cc=1, without and with myuser:pass.
        foreach (var credentials in new[] { null, Basic("myuser", "pass") })
        {
            var queue = await GetAsync("/ipps/queueactive.php?queue_name=MC&res_cc=1", credentials);
            Assert.Equal(HttpStatusCode.OK, queue.Status);
            Assert.All(queue.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries),
                l => Assert.Matches("^[0-9]+\\.[0-9]+,[^,]*,[^,]*,(WAITING,[0-9:]{8},,|CONNECTED,[0-9:]{8},[0-9]+,SIP/4002)$", l));
        }
    }

    // ---- VoIPSUN PBX (voipsun-api-cs.txt) -----------------------------------------------------------------------------

    [Fact]
    public async Task VoipSun_every_example_URL_answers_without_a_prefix()
    {
        const string Api = "/api/api.php?username=voipsun&password=secretpwd&";
        async Task<string> Action(string query)
        {
            var answer = await GetAsync(Api + query);
            Assert.Equal(HttpStatusCode.OK, answer.Status);
            return answer.Body;
        }

        // Lines 79–94: originate by each of the four ways of naming the line.
        foreach (var source in (string[])["srcExtenPublicNum=299299000", "srcExtenInternalNum=100", "srcExtenId=5", "srcSipUsername=sip100"])
        {
            Assert.Equal(VoipSunSuccess, await Action($"action=originate&{source}&dstNum=800123456"));
        }

        // Line 150: dial; and the dial example of the vendor's English API page (voipsun.cz/en/pbx-doc/navody/api/).
        Assert.Equal(VoipSunSuccess, await Action("action=dial&dialerCid=299299000&dstNum=800123456&outrouteName=odchozi&context=pospojeni&hangupContext=nevyzvednuto"));
        Assert.Equal(VoipSunSuccess, await Action("action=dial&dstNum=800123456&outrouteName=outgoing&context=processing"));

        // Line 174: hangupcall of the document's channel (gone here: not an error, the document has none for it).
        Assert.Equal(VoipSunSuccess, await Action(@"action=hangupcall&channelName=SIP\5555-0000b704"));

        // Line 196: listcalls.
        var listed = JsonNode.Parse(await Action("action=listcalls"))!;
        Assert.Equal("true", (string?)listed["success"]);
        Assert.Equal(listed["results"]!.AsArray().Count.ToString(CultureInfo.InvariantCulture), (string?)listed["total"]);

        // Lines 260–275: spying. The first two listen to line 102's answered call; the third misspells
        // dstSipUsername (a required parameter is missing: 120); the fourth names a channel of the document's PBX (311).
        await LineOnAnsweredCallAsync("voipsun", "102");
        Assert.Equal(VoipSunSuccess, await Action("action=spying&srcExtenPublicNum=299299000&dstExtenPublicNum=299299555"));
        Assert.Equal(VoipSunSuccess, await Action("action=spying&srcExtenInternalNum=100&dstExtenPublicNum=299299555"));
        Assert.Equal("""{"success":"false","errno":"120","reason":"Missing required parameters"}""", await Action("action=spying&srcExtenId=5&dstSipUsernamem=sip102"));
        Assert.Equal("""{"success":"false","errno":"311","reason":"Destination extension not found"}""", await Action("action=spying&srcSipUsername=sip100&dstChannelName=SIP/102-00000001"));

        // Line 297: sipstatus.
        var sip = JsonNode.Parse(await Action("action=sipstatus"))!;
        Assert.True((bool)sip["success"]!);
        Assert.Contains(sip["results"]!.AsArray(), r => (string?)r!["user"] == "sip100");

        // Lines 338–559: the call-centre examples, in the order an agent's day runs.
        const string Agent = "agentNumber=1000&agentPin=1234";
        Assert.Equal(VoipSunSuccess, await Action($"action=agentlogin&srcExtenInternalNum=100&{Agent}"));
        Assert.Equal(VoipSunSuccess, await Action($"action=agentpause&{Agent}"));
        Assert.Equal(VoipSunSuccess, await Action($"action=agentunpause&{Agent}"));
        Assert.Equal(VoipSunSuccess, await Action($"action=agentadd&{Agent}&queueName=FrontaIT&penalty=1"));
        Assert.StartsWith("""{"success":"true","reason":"Agent 1000 is logged in. Line is """, await Action($"action=agentstatus&{Agent}"), StringComparison.Ordinal);
        var queue = JsonNode.Parse(await Action("action=queuestatus&queueName=FrontaIT"))!;
        Assert.Equal("FrontaIT", (string?)queue["results"]![0]!["queueName"]);
        Assert.Equal("1", (string?)queue["results"]![0]!["members"]!["Agent Smith"]!["penalty"]);
        Assert.Equal(VoipSunSuccess, await Action($"action=agentremove&{Agent}&queueName=FrontaIT"));
        Assert.Equal(VoipSunSuccess, await Action($"action=agentlogout&{Agent}"));

        // Lines 596–606: moverecord of CDR 10000, a record of the document's database: a fresh PBX has no such CDR and
        // answers the document's own 800 (moverecord of a CDR of this PBX is RecordingStoreTests').
        foreach (var move in (string[])["filename=new_record.wav&path=/mnt/nas_server/asterisk/2018", "path=/mnt/nas_server/asterisk/2018", "filename=new_record.wav"])
        {
            Assert.Equal("""{"success":"false","errno":"800","reason":"CDR record not found!"}""", await Action($"action=moverecord&cdrId=10000&{move}"));
        }
    }

    // ---- Issabel pbxapi (issabel-pbxapi-readme.txt) ------------------------------------------------------------------

    [Fact]
    public async Task Issabel_every_example_request_answers_without_a_prefix()
    {
        // Line 85: curl -X POST --data 'user=admin&password=yourpassword' https://localhost/pbxapi/authenticate
        using var login = await Http.PostAsync("/pbxapi/authenticate", new FormUrlEncodedContent([new("user", "admin"), new("password", "yourpassword")]), Ct);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var token = (string)JsonNode.Parse(await login.Content.ReadAsStringAsync(Ct))!["access_token"]!;
        var bearer = new AuthenticationHeaderValue("Bearer", token);

        async Task<(HttpStatusCode Status, string Body, Uri? Location)> Send(HttpMethod method, string path, string? json = null)
        {
            using var request = new HttpRequestMessage(method, path) { Content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json") };
            request.Headers.Authorization = bearer;
            using var response = await Http.SendAsync(request, Ct);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct), response.Headers.Location);
        }

        async Task<JsonArray> Results(string path)
        {
            var (status, body, _) = await Send(HttpMethod.Get, path);
            Assert.Equal(HttpStatusCode.OK, status);
            return JsonNode.Parse(body)!["results"]!.AsArray();
        }

        // Lines 113 and 161: the extensions, and extension 1002.
        Assert.Contains(await Results("/pbxapi/extensions"), e => (string?)e!["extension"] == "1002");
        Assert.Equal("1002", (string?)Assert.Single(await Results("/pbxapi/extensions/1002"))!["extension"]);

        // Line 200: POST creates on the next free number: 201 and a Location without a tenant prefix.
        var created = await Send(HttpMethod.Post, "/pbxapi/extensions", """{"name":"Some Name","voicemail":"novm","ringtimer":"30"}""");
        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Matches("^http://localhost/pbxapi/extensions/[0-9]+$", created.Location!.ToString());

        // Lines 222 and 240: PUT creates 1005 (the document's upsert), then updates it.
        Assert.True(IsSuccess((await Send(HttpMethod.Put, "/pbxapi/extensions/1005", """{"name":"Daniel","secret":"unaclave"}""")).Status));
        Assert.True(IsSuccess((await Send(HttpMethod.Put, "/pbxapi/extensions/1005", """{"secret":"unaclave"}""")).Status));

        // Lines 260 and 264: DELETE 1005, then 1005 and 1006 (both made again first: the examples are not a sequence).
        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Delete, "/pbxapi/extensions/1005")).Status);
        foreach (var number in (string[])["1005", "1006"])
        {
            Assert.True(IsSuccess((await Send(HttpMethod.Put, $"/pbxapi/extensions/{number}", """{"name":"Daniel","secret":"unaclave"}""")).Status));
        }

        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Delete, "/pbxapi/extensions/1005,1006")).Status);

        // Lines 285 and 311: the ring groups (the document's line 285 lost the closing quote and "https" of its URL),
        // and ring group 600 with every field.
        Assert.Contains(await Results("/pbxapi/ringgroups"), g => (string?)g!["extension"] == "600");
        Assert.Equal("600", (string?)Assert.Single(await Results("/pbxapi/ringgroups/600?fields=*"))!["extension"]);

        // Line 365: create a ring group (the document posts it to /pbxapi/extensions, a slip: its section and its
        // Location, line 370, are the ring groups').
        var group = await Send(HttpMethod.Post, "/pbxapi/ringgroups", """{"name":"Sales","strategy":"ringall","ring_time":"120","extension_list":["200","201"]}""");
        Assert.Equal(HttpStatusCode.Created, group.Status);
        Assert.Matches("^http://localhost/pbxapi/ringgroups/[0-9]+$", group.Location!.ToString());

        // Lines 383 and 401: PUT ring group 600 (line 383 misspells "ringgrouops"), then rename it.
        Assert.True(IsSuccess((await Send(HttpMethod.Put, "/pbxapi/ringgroups/600", """{"name":"Sales","strategy":"ringall","extension_list":["200","201"]}""")).Status));
        Assert.True(IsSuccess((await Send(HttpMethod.Put, "/pbxapi/ringgroups/600", """{"name":"NewName"}""")).Status));

        // Lines 421 and 425: DELETE 600, then 600 and 610 (both made again first).
        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Delete, "/pbxapi/ringgroups/600")).Status);
        foreach (var number in (string[])["600", "610"])
        {
            Assert.True(IsSuccess((await Send(HttpMethod.Put, $"/pbxapi/ringgroups/{number}", """{"name":"Sales","strategy":"ringall","extension_list":["200","201"]}""")).Status));
        }

        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Delete, "/pbxapi/ringgroups/600,610")).Status);
    }

    // ---- VoipCenter (voipcenter-api-nl.txt) ---------------------------------------------------------------------------

    [Fact]
    public async Task VoipCenter_every_example_request_answers_without_a_prefix()
    {
        // get.php examples 1–3 (lines 73–91), call.php (line 278), update.php examples 1–3 (lines 434–454) and the hot
        // desk example 4 (line 464, which the document writes as get.php with update's p): the document's parameters,
        // f=xml, signed afresh.
        async Task<string> Signed(string script, params (string Name, string Value)[] own)
        {
            var answer = await GetAsync(VoipCenterUrl(script, own.Where(p => p.Name != "filter" && !(script == "get.php" && p.Name == "p")).ToArray(), own));
            Assert.Equal(HttpStatusCode.OK, answer.Status);
            Assert.DoesNotMatch("<error_number>[1-9][0-9]*</error_number>", answer.Body);
            return answer.Body;
        }

        Assert.Contains("sipaccount1", await Signed("get.php", ("m", "sipacc"), ("id", "0"), ("filter", "bureau")), StringComparison.Ordinal);
        await Signed("get.php", ("m", "calls"), ("id", "0"), ("filter", "20140501"));
        Assert.Contains("3225550540", await Signed("get.php", ("m", "did"), ("id", "540")), StringComparison.Ordinal);
        await Signed("call.php", ("sipacc", "sipaccount1"), ("telnr", "021234567"));
        await Signed("update.php", ("m", "did"), ("id", "100"), ("p", "f10|v20|k30|r140|b150"));
        await Signed("update.php", ("m", "did"), ("id", "100"), ("p", "r140|b150"));
        await Signed("update.php", ("m", "indicator"), ("id", "100"), ("p", "1"));
        await Signed("get.php", ("m", "hddesk"), ("id", "100"), ("p", "s101|t50"));
        await Signed("update.php", ("m", "hddesk"), ("id", "100"), ("p", "s101|t50"));
    }

    // ---- Escaux Fusion SOP (escaux-fusion-sop-api.txt) ----------------------------------------------------------------

    [Fact]
    public async Task Escaux_every_directory_and_queue_example_URL_answers_without_a_prefix()
    {
        // Lines 178–340: directory and call flow.
        Assert.Contains("666", await OkAsync("/xml/dbGetDirectoryInfo.php?ext=6*&wildcards=translate"), StringComparison.Ordinal);
        Assert.Contains("599", await OkAsync("/xml/dbGetDirectoryInfo.json?login=sergey@google.com"), StringComparison.Ordinal);
        Assert.Contains("599", await OkAsync("/xml/dbGetDirectoryInfo.php?login=sergey@google.com"), StringComparison.Ordinal);
        Assert.Contains("Status", await OkAsync("/xml/dbGetCallflow.json?ext=102"), StringComparison.Ordinal);
        Assert.Contains("Status", await OkAsync("/xml/dbGetCallflow.php?ext=102"), StringComparison.Ordinal);

        // Line 361 writes "dbGetNextStatus.php&ext=extension" (a '&' for the '?'), sent as meant for extension 102.
        await OkAsync("/xml/dbGetNextStatus.php?ext=102");

        // Lines 412 and 416: set the profile, in XML and JSON.
        foreach (var query in (string[])["ext=102&profile_name=User.Forward", "ext=102&status=Forward"])
        {
            Assert.Equal(0, Result(await OkAsync("/xml/dbSetProfile.php?" + query)));
            Assert.Equal(0, Result(await OkAsync("/xml/dbSetProfile.json?" + query)));
        }

        // Lines 460–508: profile parameters (line 508 on the document's host 34533.sop.escaux.com: a host name is a
        // tenant only when Pbx:TenantDomain is set, which `dotnet run` does not).
        await OkAsync("/xml/dbGetProfileParameters.json?ext=102");
        await OkAsync("/xml/dbGetProfileParameters.json?ext=102&show_admin=1");
        Assert.Equal(0, Result(await OkAsync("/xml/dbSetProfileParameters.json?ext=512&CFU.Number=526", host: "34533.sop.escaux.com")));

        // Lines 530–607: phone state, pincode, call history (placeholders filled with the demo's phone and line).
        Assert.Contains("SDB20001", await OkAsync("/xml/dbGetPhoneState.php?phone_id=SDB20001"), StringComparison.Ordinal);
        Assert.Equal(0, Result(await OkAsync("/xml/dbCheckPincode.php?ext=102&pincode=1234")));
        await OkAsync("/xml/dbGetCallHistory.php?start_date=2026-01-01%2000:00:00&ext=104&limit=10");

        // Lines 669 and 691: parked channels and queues.
        await OkAsync("/xml/dbGetParkedChannels.php");
        Assert.Contains("GeneralQueue", await OkAsync("/xml/dbGetQueueInfo.php"), StringComparison.Ordinal);

        // Lines 732 and 745: check the pincode, then set it (and back, for the other tests of this host); the answers
        // are the document's.
        const string Ok = "<Authenticate><Result>OK</Result></Authenticate>";
        Assert.Equal(Ok, (await OkAsync("/xml/dbAuthenticate.php?ext=2001&password=1234&command=check&parameter=Pincode.Pincode")).Trim());
        Assert.Equal(Ok, (await OkAsync("/xml/dbAuthenticate.php?ext=2001&password=1234&command=set&newpassword=1111&parameter=Pincode.Pincode")).Trim());
        Assert.Equal(Ok, (await OkAsync("/xml/dbAuthenticate.php?ext=2001&password=1111&command=set&newpassword=1234&parameter=Pincode.Pincode")).Trim());

        // Line 765 (no URL: "no parameter to set"): every registration.
        Assert.Contains("SDB20001", await OkAsync("/xml/dbGetRegistration.php"), StringComparison.Ordinal);

        // Line 951: ccPing.
        Assert.Equal(0, Result(await OkAsync("/xml/ccPing.php")));

        // Lines 1042–1162: queues. Lines 1080 and 1108 name a queue ABC and a phone SDX60001 of the document's PBX; the
        // demo's are GeneralQueue and 599's SDX60002.
        Assert.Contains("Phone", await OkAsync("/xml/ccGetQueueMembers.php?queue=GeneralQueue"), StringComparison.Ordinal);
        Assert.Equal(0, Result(await OkAsync("/xml/ccQueueAdd.php?queue=GeneralQueueDemo&phone=SDP40001")));
        Assert.Equal(0, Result(await OkAsync("/xml/ccQueueRemove.php?queue=GeneralQueueDemo&phone=SDP40001")));
        Assert.Equal(0, Result(await OkAsync("/xml/fusionQueuesSet.json?queues=GeneralQueue&phone=SDX60002")));
        Assert.Equal(0, Result(await OkAsync("/xml/fusionQueuesRemove.json?queues=GeneralQueue&phone=SDX60002")));
        Assert.Contains("GeneralQueueDemo", await OkAsync("/xml/ccGetQueueStatus.php?queue=GeneralQueueDemo"), StringComparison.Ordinal);
        // Lines 1143 and 1162: pause in one queue (the answer names the queue and the state), then in all (Result 1
        // "pause succeeded"; unpausing after, 3 "unpause succeeded", leaves the member as it was).
        var paused = XElement.Parse(await OkAsync("/xml/ccQueuePause.php?queue=GeneralQueueDemo&phone=SDX10008&paused=true"));
        Assert.Equal(("1", "GeneralQueueDemo"), ((string?)paused.Element("Paused"), (string?)paused.Element("Queue")));
        Assert.Equal(1, Result(await OkAsync("/xml/ccQueuePauseAll.php?phone=SDX10008&paused=true")));
        Assert.Equal(3, Result(await OkAsync("/xml/ccQueuePauseAll.php?phone=SDX10008&paused=false")));

        // Lines 1269 and 1302: PUM login, and the logout the product refuses within 90 seconds of it (the
        // document's 90-second rule; a logout 90 s later is QueueAndPumTests', on a fake clock).
        Assert.Equal(0, Result(await OkAsync("/xml/pumLogin?ext=2002&phone=SDP80002")));
        Assert.Equal(1, Result(await OkAsync("/xml/pumLogout?ext=2002")));
    }

    [Fact]
    public async Task Escaux_every_call_control_example_URL_answers_without_a_prefix()
    {
        // Line 787 (placeholders filled): 104's phone SDC30015 rings first, then 102; both answer.
        Assert.Equal(0, Result(await OkAsync("/xml/ccOriginate.php?phone_id=SDC30015&to=102&async=true&var=Campaign=Spring")));
        var caller = await LegAsync("demo", "104", ChannelState.Ringing);
        Assert.True((await Pbx.AnswerAsync("demo", caller)).IsOk);
        Assert.True((await Pbx.AnswerAsync("demo", await LegAsync("demo", "102", ChannelState.Ringing))).IsOk);
        await LegAsync("demo", "104", ChannelState.Up);

        // Lines 970–997: the channels (the document's variable names for show_vars).
        Assert.Contains(caller, await OkAsync("/xml/ccGetChannels.php"), StringComparison.Ordinal);
        await OkAsync("/xml/ccGetChannels?show_vars=variable1|variable2|variable3");

        // Lines 1216 and 1232 (placeholders filled): set and read a variable.
        Assert.Equal(0, Result(await OkAsync($"/xml/ccSetvar?channel_id={caller}&variable=variable1&value=4711")));
        Assert.Contains("4711", await OkAsync($"/xml/ccGetvar?channel_id={caller}&variable=variable1"), StringComparison.Ordinal);

        // Lines 1190 and 1194 name SIP/SDO30001-0000003d, a call of the document's PBX: the live call's leg instead.
        Assert.Equal(0, Result(await OkAsync($"/xml/ccRecord?channel_id={caller}&mailbox=1000&action=start&caller_id=2000")));
        Assert.Equal(0, Result(await OkAsync($"/xml/ccRecord?channel_id={caller}&mailbox=1000&action=stop&caller_id=2000")));
        Assert.Equal(0, Result(await OkAsync($"/xml/ccRecord?channel_id={caller}&filename=exampleFile&action=start&caller_id=2000")));

        // Lines 872 and 913 (the document's SIP/SDC30015-d156 is this call's SIP/SDC30015-… leg): hold, then park.
        Assert.Equal(0, Result(await OkAsync($"/xml/ccHold.php?channel_id={caller}")));
        Assert.Equal(0, Result(await OkAsync($"/xml/ccPark.php?channel_id={caller}")));
        Assert.Contains(caller, await OkAsync("/xml/dbGetParkedChannels.php"), StringComparison.Ordinal);
        Assert.Contains(caller, await OkAsync("/xml/ccGetChannels?parked_only=1"), StringComparison.Ordinal);
        Assert.Contains(caller, await OkAsync($"/xml/dbGetParkedChannels.php?channel_id={caller}"), StringComparison.Ordinal);

        // Line 928 (placeholders filled): 599 calls 4003, and 4003's phone takes the parked call from slot 701.
        Assert.True((await Pbx.DialAsync("demo", new DialRequest { FromExtension = "599", Destination = "4003" })).IsOk);
        var taker = await LegAsync("demo", "4003", ChannelState.Ringing, ChannelState.Up);
        await Pbx.AnswerAsync("demo", taker);
        await LegAsync("demo", "4003", ChannelState.Up);
        Assert.Equal(0, Result(await OkAsync($"/xml/ccJoinPark.php?channel_id={taker}&to=701")));

        // Line 866: redirect the caller to 9102 (an outside number of the demo), then line 820: hang it up.
        await Until(async () => (await Pbx.FindChannelAsync("demo", caller)) is { ParkedSlot: null, State: ChannelState.Up }, "the parked caller to be taken");
        Assert.Equal(0, Result(await OkAsync($"/xml/ccRedirect.php?to=9102&channel_id={caller}")));
        Assert.Equal(0, Result(await OkAsync($"/xml/ccHangup.php?channel_id={caller}")));
    }

    [Fact]
    public async Task Escaux_the_event_socket_follows_the_same_tenant_as_the_URLs_without_a_prefix()
    {
        // Line 951 and chapter 5: a consumer that sends nothing follows the Escaux surface's default tenant, so the
        // ccPing of a URL without a prefix reaches it as evPong.
        var port = host.Services.GetRequiredService<PbxGrains.Surfaces.Escaux.Events.EventSocketServer>().LocalEndpoint!.Port;
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port, Ct);
        using var reader = new StreamReader(tcp.GetStream(), Encoding.UTF8);
        using var read = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        read.CancelAfter(TimeSpan.FromSeconds(60));   // a limit that turns a hang into a failure, not a timed assertion

        // The connection subscribes once it is accepted; a ping before that reaches no socket, so ping until one does.
        var pong = Task.Run(async () =>
        {
            while (await reader.ReadLineAsync(read.Token) is { } line)
            {
                if (line.StartsWith("<evPong", StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }, read.Token);
        while (!pong.IsCompleted)
        {
            Assert.Equal(0, Result(await OkAsync("/xml/ccPing.php")));
            await Task.WhenAny(pong, Task.Delay(200, read.Token));
        }

        Assert.True(await pong);
        Assert.Equal("demo", host.Services.GetRequiredService<PbxGrains.Surfaces.Escaux.Events.EventSocketTenants>().DefaultTenant);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------------

    private async Task<(HttpStatusCode Status, string Body)> GetAsync(string pathAndQuery, AuthenticationHeaderValue? authorization = null, string? host = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        request.Headers.Authorization = authorization;
        if (host is not null)
        {
            request.Headers.Host = host;
        }

        using var response = await Http.SendAsync(request, Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    private async Task<string> OkAsync(string pathAndQuery, string? host = null)
    {
        var (status, body) = await GetAsync(pathAndQuery, host: host);
        Assert.True(status == HttpStatusCode.OK, $"{pathAndQuery}: {(int)status} {body}");
        return body;
    }

    /// <summary>The Result code of an Escaux answer: the <c>Result</c> element or member, or a bare number.</summary>
    private static int Result(string body)
    {
        var text = body.TrimStart();
        string? value = text.StartsWith('<')
            ? XElement.Parse(text).DescendantsAndSelf("Result").FirstOrDefault()?.Value
            : JsonNode.Parse(text) is JsonObject json ? json["Result"]?.ToString() : text.Trim();
        Assert.True(int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var code), $"no Result in {body}");
        return code;
    }

    private static bool IsSuccess(HttpStatusCode status) => (int)status is >= 200 and < 300;

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    private static string ChannelLine() => "^(down,,,,|(ring|ringing|up),[^,]*,[^,]*,[^,]*,[0-9]+\\.[0-9]+)\n$";

    /// <summary>A VoipCenter URL of the demo's API user as the document's PHP builds it, signed now.</summary>
    private static string VoipCenterUrl(string script, (string Name, string Value)[] signed, (string Name, string Value)[] sent)
    {
        var pwd = Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(Convert.ToHexStringLower(MD5.HashData("password"u8)))));
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var text = $"apiIDpi990000tstknummer123456pwd{pwd}" + string.Concat(signed.Select(p => p.Name + p.Value)) + $"fxmlts{ts}";
        var pass = Convert.ToHexStringLower(HMACSHA256.HashData("demo-private-key"u8, Encoding.UTF8.GetBytes(text)));
        var own = string.Concat(sent.Select(p => $"&{p.Name}={Uri.EscapeDataString(p.Value)}"));
        return $"/api/{script}?apiID=pi990000tst&knummer=123456&pwd={pwd}{own}&f=xml&pass={pass}&ts={ts}";
    }

    /// <summary>Makes sure <paramref name="line"/> is on an answered call (the scenario's traffic usually has one).</summary>
    private async Task LineOnAnsweredCallAsync(string tenant, string line)
    {
        async Task<bool> Up() => (await Pbx.ListChannelsAsync(tenant)).Any(c => c.Endpoint == line && c.State == ChannelState.Up);
        if (!await Up() && !(await Pbx.ListChannelsAsync(tenant)).Any(c => c.Endpoint == line))
        {
            Assert.True((await Pbx.DialAsync(tenant, new DialRequest { FromExtension = line, Destination = "800123456" })).IsOk);
        }

        await Until(Up, $"line {line} to be on an answered call");
    }

    /// <summary>The name of <paramref name="extension"/>'s live leg once it is in one of <paramref name="states"/>.</summary>
    private async Task<string> LegAsync(string tenant, string extension, params ChannelState[] states)
    {
        string? name = null;
        await Until(async () =>
        {
            name = (await Pbx.ListChannelsAsync(tenant)).FirstOrDefault(c => c.Endpoint == extension && states.Contains(c.State))?.Name;
            return name is not null;
        }, $"{extension} to be {string.Join(" or ", states)}");
        return name!;
    }

    /// <summary>
    /// Waits for a state the real clock brings (a phone that answers after its delay). Not a timed assertion: the
    /// limit only turns a hang into a failure.
    /// </summary>
    private static async Task Until(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"gave up waiting for {what}");
            await Task.Delay(20, Ct);
        }
    }
}
