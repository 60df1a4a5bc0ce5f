using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Xml.Linq;

using PbxGrains.Tests.Shared.Sockets;

namespace PbxGrains.Tests.EscauxEvents.Infrastructure;

/// <summary>
/// A consumer of the event socket as a CTI client would write one: a TCP connection, an optional tenant line, and a
/// reader that cuts the stream into XML elements. It reads eagerly in the background, so it is never the slow one.
/// </summary>
public sealed class EventSocketClient : IAsyncDisposable
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    private readonly TcpClient _tcp;
    private readonly ArrivalQueue<XElement> _events = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pump;

    private EventSocketClient(TcpClient tcp)
    {
        _tcp = tcp;
        _pump = PumpAsync();
    }

    /// <summary>Every event read so far, in order (also those a wait skipped).</summary>
    public List<XElement> Seen { get; } = [];

    /// <summary>Connects and, with a <paramref name="tenant"/>, logs in and waits for the answer.</summary>
    public static async Task<EventSocketClient> ConnectAsync(IPEndPoint endpoint, string? tenant)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(endpoint);
        var client = new EventSocketClient(tcp);
        if (tenant is not null)
        {
            await client.SendLineAsync($"tenant {tenant}");
            var answer = await client.WaitAsync("evTenant");
            Assert.Equal(tenant, (string?)answer.Element("Tenant"));
            Assert.Equal("0", (string?)answer.Element("Result"));
        }

        return client;
    }

    public async Task SendLineAsync(string line) => await _tcp.GetStream().WriteAsync(Encoding.UTF8.GetBytes(line + "\r\n"));

    /// <summary>
    /// The first event not yet taken that is named <paramref name="name"/> and that <paramref name="match"/> accepts;
    /// the events before it stay for later waits (events of different calls may arrive interleaved).
    /// </summary>
    public Task<XElement> WaitAsync(string name, Func<XElement, bool>? match = null) =>
        _events.WaitAsync(
            e => e.Name.LocalName == name && (match is null || match(e)), Deadline, $"No {name} within {Deadline}", $"The socket closed before a {name}", Describe);

    private string Describe()
    {
        lock (Seen)
        {
            return string.Join(", ", Seen.Select(s => $"{s.Name.LocalName}({(string?)s.Element("Channel")})"));
        }
    }

    /// <summary>Waits for <paramref name="name"/> on <paramref name="channel"/>.</summary>
    public Task<XElement> WaitAsync(string name, string channel) => WaitAsync(name, e => (string?)e.Element("Channel") == channel);

    /// <summary>True once the server has closed the connection (the reader saw the end of the stream).</summary>
    public Task Closed => _events.Completion;

    /// <summary>Once closed: what arrived after the last complete element (a cut-off element, or nothing).</summary>
    public string Unparsed { get; private set; } = "";

    private async Task PumpAsync()
    {
        var text = new StringBuilder();
        var buffer = new byte[4096];
        var decoder = Encoding.UTF8.GetDecoder();
        var chars = new char[4096];
        try
        {
            var stream = _tcp.GetStream();
            while (true)
            {
                var read = await stream.ReadAsync(buffer, _stop.Token);
                if (read == 0)
                {
                    break;
                }

                text.Append(chars, 0, decoder.GetChars(buffer, 0, read, chars, 0));
                while (NextElement(text) is { } element)
                {
                    lock (Seen)
                    {
                        Seen.Add(element);
                    }

                    _events.Add(element);
                }
            }
        }
        catch (Exception error) when (error is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            Unparsed = text.ToString();
            _events.Complete();
        }
    }

    /// <summary>Cuts the first complete top-level element off the front of the stream.</summary>
    private static XElement? NextElement(StringBuilder text)
    {
        var s = text.ToString();
        var open = s.IndexOf('<');
        var close = open < 0 ? -1 : s.IndexOf('>', open);
        if (close < 0)
        {
            return null;
        }

        var name = s[(open + 1)..close].TrimEnd('/');
        var endTag = $"</{name}>";
        var end = s.IndexOf(endTag, close, StringComparison.Ordinal);
        if (end < 0)
        {
            return null;
        }

        var length = end + endTag.Length;
        var element = XElement.Parse(s[open..length]);
        text.Remove(0, length);
        return element;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _tcp.Dispose();
        await _pump;
        _stop.Dispose();
    }
}
