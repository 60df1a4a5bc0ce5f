using System.Net.Sockets;
using System.Text;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Tests.EscauxEvents.Infrastructure;

namespace PbxGrains.Tests.EscauxEvents;

/// <summary>A consumer that stops reading is dropped; the calls and the other consumers go on as if it never existed.</summary>
[Collection(EscauxEventsCollection.Name)]
public sealed class SlowConsumerTests(EscauxEventsFixture fixture)
{
    [Fact]
    public async Task A_consumer_that_stops_reading_is_disconnected_while_calls_and_other_consumers_go_on()
    {
        var tenant = await fixture.NewTenantAsync();
        await using var healthy = await fixture.ConnectAsync(tenant);

        // A consumer with a tiny receive window that reads the login answer and then nothing more.
        using var stuck = new TcpClient { ReceiveBufferSize = 1024 };
        await stuck.ConnectAsync(fixture.SocketEndpoint);
        var stream = stuck.GetStream();
        await stream.WriteAsync(Encoding.UTF8.GetBytes($"tenant {tenant}\n"));
        await ReadUntilAsync(stream, "</evTenant>\n");

        var dropped = fixture.Server.OverflowDisconnects;
        var sent = 0;
        using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            while (fixture.Server.OverflowDisconnects == dropped)
            {
                deadline.Token.ThrowIfCancellationRequested();

                // A call goes its whole way while the stuck consumer's buffers fill: nothing waits for it.
                var call = await fixture.Pbx.InboundAsync(tenant, new InboundCallRequest { CallerIdNumber = "104", Destination = "102" });
                Assert.True(call.IsOk, call.ToString());
                Assert.True((await fixture.Pbx.HangupAsync(tenant, call.Value!.Legs[0].Name)).IsOk);
                await Task.WhenAll(Enumerable.Range(0, 10).Select(i => fixture.Feed.PingAsync(tenant, $"flood-{sent + i}", fixture.Time.GetUtcNow())));
                sent += 10;

                // The healthy consumer reads everything as it comes. Waiting for it here keeps the flood at its pace,
                // so that on a loaded machine the test's own burst cannot put it an outbox behind.
                for (var i = 0; i < 10; i++)
                {
                    await healthy.WaitAsync("evPong");
                }
            }
        }

        // The stuck consumer finds its connection closed once it reads again.
        await ReadUntilClosedAsync(stream);

        // The healthy consumer kept up with everything and still follows the tenant.
        Assert.Equal(dropped + 1, fixture.Server.OverflowDisconnects);
        Assert.True((await fixture.Pbx.InboundAsync(tenant, new InboundCallRequest { CallerIdNumber = "0470999999", Destination = "102" })).IsOk);
        await healthy.WaitAsync("evNewOrigChannel", e => (string?)e.Element("CallerId") == "0470999999");
    }

    private static async Task ReadUntilAsync(NetworkStream stream, string end)
    {
        using var deadline = new CancellationTokenSource(EventSocketClient.Deadline);
        var text = new StringBuilder();
        var one = new byte[1];
        while (!text.ToString().EndsWith(end, StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one, deadline.Token) == 0)
            {
                throw new IOException("closed");
            }

            text.Append((char)one[0]);
        }
    }

    private static async Task ReadUntilClosedAsync(NetworkStream stream)
    {
        using var deadline = new CancellationTokenSource(EventSocketClient.Deadline);
        var buffer = new byte[64 * 1024];
        try
        {
            while (await stream.ReadAsync(buffer, deadline.Token) > 0)
            {
            }
        }
        catch (IOException)
        {
            // A reset is a close too: the server dropped the connection with data the consumer never read.
        }
    }
}
