using System.Net;
using System.Net.Sockets;
using System.Text;

using PbxGrains.Tests.Shared.Sockets;

namespace PbxGrains.Tests.Ami.Infrastructure;

/// <summary>One packet read: its headers in order, looked up ignoring case.</summary>
public sealed class AmiTestPacket(List<KeyValuePair<string, string>> headers, string text)
{
    public List<KeyValuePair<string, string>> Headers => headers;

    /// <summary>The packet as it came, with its CRLFs.</summary>
    public string Text => text;

    public string? this[string key] => headers.FirstOrDefault(h => h.Key.Equals(key, StringComparison.OrdinalIgnoreCase)).Value;

    public IEnumerable<string> All(string key) => headers.Where(h => h.Key.Equals(key, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value);

    public string? Event => this["Event"];

    public override string ToString() => text;
}

/// <summary>
/// A manager client as a CTI product writes one: waits for the banner, sends packets with an ActionID, matches answers
/// by it, and reads events eagerly in the background (so it is never the slow one).
/// </summary>
public sealed class AmiTestClient : IAsyncDisposable
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    private readonly TcpClient _tcp;
    private readonly ArrivalQueue<AmiTestPacket> _packets = new();
    private readonly TaskCompletionSource<string> _banner = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _actions;

    private AmiTestClient(TcpClient tcp)
    {
        _tcp = tcp;
        _ = PumpAsync();
    }

    public string Banner { get; private set; } = "";

    /// <summary>The tenant the client logged in for (set by the fixture).</summary>
    public string Tenant { get; set; } = "";

    /// <summary>Every packet read so far, in order.</summary>
    public List<AmiTestPacket> Seen { get; } = [];

    public Task Closed => _packets.Completion;

    public static async Task<AmiTestClient> ConnectAsync(IPEndPoint endpoint)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(endpoint);
        var client = new AmiTestClient(tcp);
        client.Banner = await client._banner.Task.WaitAsync(Deadline);
        return client;
    }

    public async Task SendAsync(string raw) => await _tcp.GetStream().WriteAsync(Encoding.UTF8.GetBytes(raw));

    /// <summary>Sends an action with its own ActionID (headers with a null value are left out) and waits for its response.</summary>
    public async Task<AmiTestPacket> ActionAsync(string action, params (string Key, string? Value)[] headers)
    {
        var id = NextId();
        await SendAsync(Packet(action, id, headers));
        return await WaitAsync(p => p["Response"] is not null && p["ActionID"] == id, $"the response to {action}");
    }

    /// <summary>Sends a list action and returns its response, its items and its complete event.</summary>
    public async Task<(AmiTestPacket Response, List<AmiTestPacket> Items, AmiTestPacket Complete)> ListAsync(string action, params (string Key, string? Value)[] headers)
    {
        var id = NextId();
        await SendAsync(Packet(action, id, headers));
        var response = await WaitAsync(p => p["Response"] is not null && p["ActionID"] == id, $"the response to {action}");
        var items = new List<AmiTestPacket>();
        while (true)
        {
            var next = await WaitAsync(p => p.Event is not null && p["ActionID"] == id, $"the items of {action}");
            if (next["EventList"] == "Complete")
            {
                return (response, items, next);
            }

            items.Add(next);
        }
    }

    public string NextId() => $"test-{Interlocked.Increment(ref _actions)}";

    public static string Packet(string action, string? id, params (string Key, string? Value)[] headers)
    {
        var text = new StringBuilder($"Action: {action}\r\n");
        if (id is not null)
        {
            text.Append($"ActionID: {id}\r\n");
        }

        foreach (var (key, value) in headers.Where(h => h.Value is not null))
        {
            text.Append($"{key}: {value}\r\n");
        }

        return text.Append("\r\n").ToString();
    }

    /// <summary>The first event named <paramref name="name"/> that <paramref name="match"/> accepts; events before it stay for later waits.</summary>
    public Task<AmiTestPacket> WaitEventAsync(string name, Func<AmiTestPacket, bool>? match = null) =>
        WaitAsync(p => p.Event == name && (match is null || match(p)), name);

    public Task<AmiTestPacket> WaitAsync(Func<AmiTestPacket, bool> wanted, string what) =>
        _packets.WaitAsync(wanted, Deadline, $"No {what} within {Deadline}", $"The connection closed before {what}", Describe);

    /// <summary>The events read so far for a channel or call (Uniqueid or Linkedid), in order.</summary>
    public List<AmiTestPacket> EventsOf(Func<AmiTestPacket, bool> match)
    {
        lock (Seen)
        {
            return [.. Seen.Where(p => p.Event is not null && match(p))];
        }
    }

    private string Describe()
    {
        lock (Seen)
        {
            return string.Join(", ", Seen.TakeLast(60).Select(p => p.Event is null ? $"Response {p["Response"]} {p["Message"]}" : $"{p.Event}({p["Channel"]}{(p["DestChannel"] is { } dest ? "→" + dest : "")})"));
        }
    }

    private async Task PumpAsync()
    {
        var text = new StringBuilder();
        var buffer = new byte[8192];
        var decoder = Encoding.UTF8.GetDecoder();
        var chars = new char[8192];
        var bannerRead = false;
        try
        {
            var stream = _tcp.GetStream();
            while (true)
            {
                var read = await stream.ReadAsync(buffer);
                if (read == 0)
                {
                    break;
                }

                text.Append(chars, 0, decoder.GetChars(buffer, 0, read, chars, 0));
                if (!bannerRead)
                {
                    var line = text.ToString().IndexOf("\r\n", StringComparison.Ordinal);
                    if (line < 0)
                    {
                        continue;
                    }

                    _banner.TrySetResult(text.ToString(0, line));
                    text.Remove(0, line + 2);
                    bannerRead = true;
                }

                while (true)
                {
                    var all = text.ToString();
                    var end = all.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                    if (end < 0)
                    {
                        break;
                    }

                    var packetText = all[..(end + 4)];
                    text.Remove(0, end + 4);
                    var headers = packetText[..end].Split("\r\n").Select(l =>
                    {
                        var colon = l.IndexOf(':', StringComparison.Ordinal);
                        return colon < 0 ? new KeyValuePair<string, string>(l, "") : new KeyValuePair<string, string>(l[..colon], l[(colon + 1)..].StartsWith(' ') ? l[(colon + 2)..] : l[(colon + 1)..]);
                    }).ToList();
                    var packet = new AmiTestPacket(headers, packetText);
                    lock (Seen)
                    {
                        Seen.Add(packet);
                    }

                    _packets.Add(packet);
                }
            }
        }
        catch (Exception error) when (error is IOException or SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            _banner.TrySetException(new IOException("closed before the banner"));
            _packets.Complete();
        }
    }

    public ValueTask DisposeAsync()
    {
        _tcp.Dispose();
        return ValueTask.CompletedTask;
    }
}
