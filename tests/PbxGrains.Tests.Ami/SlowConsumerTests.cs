using System.Net.Sockets;
using System.Text;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Tests.Ami.Infrastructure;

namespace PbxGrains.Tests.Ami;

/// <summary>A manager client that stops reading is dropped; the calls and the other sessions go on as if it never existed.</summary>
[Collection(AmiCollection.Name)]
public sealed class SlowConsumerTests(AmiFixture fixture)
{
    [Fact]
    public async Task A_client_that_stops_reading_is_disconnected_while_calls_and_other_sessions_go_on()
    {
        var tenant = await fixture.NewTenantAsync();
        await using var healthy = await fixture.LoginAsync(tenant);

        // A client with a tiny receive window that logs in and then reads nothing more.
        using var stuck = new TcpClient { ReceiveBufferSize = 1024 };
        await stuck.ConnectAsync(fixture.Endpoint);
        var stream = stuck.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(AmiTestClient.Packet("Login", "stuck", ("Username", $"admin@{tenant}"), ("Secret", AmiFixture.AdminSecret))));
        await ReadUntilAsync(stream, "Authentication accepted\r\n\r\n");

        var dropped = fixture.Server.OverflowDisconnects;
        var sent = 0;
        using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            while (fixture.Server.OverflowDisconnects == dropped)
            {
                deadline.Token.ThrowIfCancellationRequested();

                // A call goes its whole way while the stuck client's buffers fill: nothing waits for it.
                var call = await fixture.Pbx.InboundAsync(tenant, new InboundCallRequest { CallerIdNumber = "104", Destination = "102" });
                Assert.True(call.IsOk, call.ToString());
                Assert.True((await fixture.Pbx.HangupAsync(tenant, call.Value!.Legs[0].Name)).IsOk);
                await Task.WhenAll(Enumerable.Range(0, 10).Select(i => healthy.SendAsync(AmiTestClient.Packet("UserEvent", null, ("UserEvent", "Flood"), ("N", (sent + i).ToString(System.Globalization.CultureInfo.InvariantCulture))))));
                sent += 10;
            }
        }

        // The stuck client finds its connection closed once it reads again.
        await ReadUntilClosedAsync(stream);

        // The healthy session kept up with everything and still follows the tenant.
        for (var i = 0; i < sent; i++)
        {
            var n = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await healthy.WaitEventAsync("UserEvent", e => e["N"] == n);
        }

        Assert.True((await fixture.Pbx.InboundAsync(tenant, new InboundCallRequest { CallerIdNumber = "0470999999", Destination = "102" })).IsOk);
        await healthy.WaitEventAsync("Newchannel", e => e["CallerIDNum"] == "0470999999");
    }

    private static async Task ReadUntilAsync(NetworkStream stream, string end)
    {
        using var deadline = new CancellationTokenSource(AmiTestClient.Deadline);
        var text = new StringBuilder();
        var buffer = new byte[1];
        while (!text.ToString().EndsWith(end, StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(buffer, deadline.Token) == 0)
            {
                throw new IOException($"Closed before '{end}': {text}");
            }

            text.Append((char)buffer[0]);
        }
    }

    private static async Task ReadUntilClosedAsync(NetworkStream stream)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var buffer = new byte[65536];
        try
        {
            while (await stream.ReadAsync(buffer, deadline.Token) > 0)
            {
            }
        }
        catch (IOException)
        {
            // Reset by the server: closed as well.
        }
    }
}
