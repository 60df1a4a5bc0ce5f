using System.Net.Sockets;
using System.Text;
using System.Xml.Linq;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Tests.EscauxEvents.Infrastructure;

namespace PbxGrains.Tests.EscauxEvents;

/// <summary>The event socket driven as a CTI client uses it: a real TCP connection, calls made through the call model.</summary>
[Collection(EscauxEventsCollection.Name)]
public sealed class EventSocketTests(EscauxEventsFixture fixture)
{
    private static string Text(XElement e, string child) => (string?)e.Element(child) ?? throw new InvalidOperationException($"{e.Name} has no {child}: {e}");

    private Task<HttpResponseMessage> PingAsync(string tenant, string path = "/xml/ccPing.php") => fixture.Http.GetAsync($"/t/{tenant}{path}");

    [Fact]
    public async Task CcPing_answers_over_http_and_every_socket_of_the_tenant_receives_evPong()
    {
        var tenant = await fixture.NewTenantAsync();
        await using var first = await fixture.ConnectAsync(tenant);
        await using var second = await fixture.ConnectAsync(tenant);

        using var php = await PingAsync(tenant);
        Assert.Equal("<ccPingResult>\n<Result>0</Result>\n</ccPingResult>\n", await php.Content.ReadAsStringAsync());
        Assert.StartsWith("text/xml", php.Content.Headers.ContentType?.ToString());
        await first.WaitAsync("evPong");
        await second.WaitAsync("evPong");

        using var json = await PingAsync(tenant, "/xml/ccPing.json");
        Assert.Equal("{\"Result\":0}", await json.Content.ReadAsStringAsync());
        await first.WaitAsync("evPong");
        await second.WaitAsync("evPong");

        using var bare = await PingAsync(tenant, "/xml/ccPing");
        Assert.Equal("<ccPingResult>\n<Result>0</Result>\n</ccPingResult>\n", await bare.Content.ReadAsStringAsync());
        await first.WaitAsync("evPong");
        await second.WaitAsync("evPong");
    }

    [Fact]
    public async Task CcPing_of_a_tenant_that_does_not_exist_is_an_error()
    {
        using var answer = await PingAsync("nosuchtenant");

        Assert.Equal("<ccPingResult>\n<Result>1</Result>\n</ccPingResult>\n", await answer.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_inbound_call_is_announced_rings_is_answered_held_and_hung_up()
    {
        var tenant = await fixture.NewTenantAsync();
        await using var socket = await fixture.ConnectAsync(tenant);

        var call = await fixture.Pbx.InboundAsync(tenant, new InboundCallRequest { CallerIdNumber = "0470123456", Destination = "102" });
        Assert.True(call.IsOk, call.ToString());
        var caller = call.Value!.CallId;

        var incoming = await socket.WaitAsync("evNewOrigChannel");
        var trunk = Text(incoming, "Channel");
        Assert.StartsWith("SIP/trunk-", trunk);
        Assert.Equal("0470123456", Text(incoming, "CallerId"));
        Assert.Equal("102", Text(incoming, "Extension"));

        var ringing = await socket.WaitAsync("evRinging", e => (string?)e.Element("Extension") == "102");
        var phone = Text(ringing, "Channel");
        Assert.StartsWith("SIP/102-", phone);
        Assert.Equal("0470123456", Text(ringing, "CallerId"));

        Assert.True((await fixture.Pbx.AnswerAsync(tenant, phone)).IsOk);
        var answered = await socket.WaitAsync("evAnswered", phone);
        Assert.Equal("102", Text(answered, "Extension"));
        var link = await socket.WaitAsync("evLink", phone);
        Assert.Equal(trunk, Text(link, "Link"));
        Assert.Equal("0470123456", Text(link, "CallerId"));
        Assert.Equal(phone, Text(await socket.WaitAsync("evLink", trunk), "Link"));

        Assert.True((await fixture.Pbx.HoldAsync(tenant, phone)).IsOk);
        await socket.WaitAsync("evHold", phone);
        Assert.True((await fixture.Pbx.UnholdAsync(tenant, phone)).IsOk);
        await socket.WaitAsync("evUnhold", phone);

        Assert.True((await fixture.Pbx.HangupAsync(tenant, phone)).IsOk);
        Assert.Equal("16", Text(await socket.WaitAsync("evHangup", phone), "Cause"));
        Assert.Equal("16", Text(await socket.WaitAsync("evHangup", trunk), "Cause"));
        Assert.NotNull(caller);
    }

    [Fact]
    public async Task A_parked_call_is_announced_with_its_slot_and_leaves_it_when_it_hangs_up()
    {
        var tenant = await fixture.NewTenantAsync();
        await using var socket = await fixture.ConnectAsync(tenant);
        Assert.True((await fixture.Pbx.InboundAsync(tenant, new InboundCallRequest { CallerIdNumber = "104", Destination = "102" })).IsOk);
        var trunk = Text(await socket.WaitAsync("evNewOrigChannel"), "Channel");
        var phone = Text(await socket.WaitAsync("evRinging"), "Channel");
        Assert.True((await fixture.Pbx.AnswerAsync(tenant, phone)).IsOk);
        await socket.WaitAsync("evLink", trunk);

        var parked = await fixture.Pbx.ParkAsync(tenant, trunk);
        Assert.True(parked.IsOk, parked.ToString());

        var e = await socket.WaitAsync("evParked", trunk);
        Assert.Equal(["ParkSlot", "Channel"], e.Elements().Select(c => c.Name.LocalName));
        Assert.Equal("701", Text(e, "ParkSlot"));
        await socket.WaitAsync("evHangup", phone);

        Assert.True((await fixture.Pbx.HangupAsync(tenant, trunk)).IsOk);
        Assert.Equal("701", Text(await socket.WaitAsync("evUnparked", trunk), "ParkSlot"));
        await socket.WaitAsync("evHangup", trunk);
    }

    [Fact]
    public async Task Queue_callers_are_announced_joining_and_leaving_abandoned_or_answered()
    {
        var tenant = await fixture.NewTenantAsync();
        await using var socket = await fixture.ConnectAsync(tenant);

        Assert.True((await fixture.Pbx.InboundAsync(tenant, new InboundCallRequest { CallerIdNumber = "0470000001", Destination = "600" })).IsOk);
        var join = await socket.WaitAsync("evQueueJoin");
        var first = Text(join, "Channel");
        Assert.Equal("sales", Text(join, "Queue"));
        Assert.Equal("1", Text(join, "Position"));
        Assert.Equal("0470000001", Text(join, "CallerId"));
        await socket.WaitAsync("evRinging", e => (string?)e.Element("Extension") == "103");
        Assert.True((await fixture.Pbx.HangupAsync(tenant, first)).IsOk);
        var abandoned = await socket.WaitAsync("evQueueLeave", first);
        Assert.Equal("abandoned", Text(abandoned, "Reason"));

        Assert.True((await fixture.Pbx.InboundAsync(tenant, new InboundCallRequest { CallerIdNumber = "0470000002", Destination = "600" })).IsOk);
        var second = Text(await socket.WaitAsync("evQueueJoin", e => (string?)e.Element("CallerId") == "0470000002"), "Channel");
        var member = Text(await socket.WaitAsync("evRinging", e => (string?)e.Element("CallerId") == "0470000002"), "Channel");
        Assert.True((await fixture.Pbx.AnswerAsync(tenant, member)).IsOk);
        var answered = await socket.WaitAsync("evQueueLeave", second);
        Assert.Equal("answered", Text(answered, "Reason"));
        Assert.Equal(member, Text(answered, "Link"));
        await socket.WaitAsync("evLink", member);
    }

    [Fact]
    public async Task A_socket_sees_only_its_own_tenant()
    {
        var mine = await fixture.NewTenantAsync();
        var other = await fixture.NewTenantAsync();
        await using var mySocket = await fixture.ConnectAsync(mine);
        await using var otherSocket = await fixture.ConnectAsync(other);

        Assert.True((await fixture.Pbx.InboundAsync(mine, new InboundCallRequest { CallerIdNumber = "104", Destination = "102" })).IsOk);
        using (await PingAsync(mine))
        {
        }

        await mySocket.WaitAsync("evNewOrigChannel");
        await mySocket.WaitAsync("evPong");

        // The other tenant's socket gets its own pong, and before it nothing of the first tenant's call or ping.
        using (await PingAsync(other))
        {
        }

        await otherSocket.WaitAsync("evPong");
        Assert.Equal(["evTenant", "evPong"], otherSocket.Seen.Select(e => e.Name.LocalName));
    }

    [Fact]
    public async Task A_tenant_that_does_not_exist_is_refused_and_the_socket_closed()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(fixture.SocketEndpoint);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.UTF8.GetBytes("tenant nosuchtenant\n"));

        var text = await ReadToEndAsync(stream);

        Assert.EndsWith("<evTenant>\n<Tenant>nosuchtenant</Tenant>\n<Result>1</Result>\n</evTenant>\n", text);
    }

    [Fact]
    public async Task A_socket_that_names_no_tenant_follows_the_default_tenant()
    {
        await fixture.NewTenantAsync("default");
        await using var socket = await fixture.ConnectAsync(tenant: null);

        // The server attaches the socket just after accepting it, which the client cannot see: ping until it is.
        using var deadline = new CancellationTokenSource(EventSocketClient.Deadline);
        var pong = socket.WaitAsync("evPong");
        while (!pong.IsCompleted)
        {
            using (var answer = await fixture.Http.GetAsync("/xml/ccPing.php", deadline.Token))
            {
                Assert.Equal("<ccPingResult>\n<Result>0</Result>\n</ccPingResult>\n", await answer.Content.ReadAsStringAsync(deadline.Token));
            }

            await Task.WhenAny(pong, Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token));
        }

        await pong;
    }

    private static async Task<string> ReadToEndAsync(NetworkStream stream)
    {
        using var deadline = new CancellationTokenSource(EventSocketClient.Deadline);
        var text = new StringBuilder();
        var buffer = new byte[1024];
        int read;
        while ((read = await stream.ReadAsync(buffer, deadline.Token)) > 0)
        {
            text.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        return text.ToString();
    }
}
