using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PbxGrains.Load.Running;

/// <summary>
/// One manager (AMI) session that follows a tenant's events as a wallboard would: it logs in, reads every event as it
/// comes and tells <see cref="AmiProbe"/> when a probe call's <c>Newchannel</c> arrives. It reads as fast as the
/// socket gives; it never answers anything, so it costs the host what a real consumer costs.
/// </summary>
public sealed class AmiConsumer : IAsyncDisposable
{
    private static readonly byte[] PacketEnd = "\r\n\r\n"u8.ToArray();
    private static readonly byte[] NewchannelEvent = "Event: Newchannel\r\n"u8.ToArray();
    private static readonly byte[] CallerIdHeader = "\r\nCallerIDNum: "u8.ToArray();

    private readonly TcpClient _tcp;
    private readonly AmiProbe _probe;
    private readonly CancellationTokenSource _stop = new();
    private Task _reading = Task.CompletedTask;
    private long _events;

    private AmiConsumer(TcpClient tcp, AmiProbe probe)
    {
        _tcp = tcp;
        _probe = probe;
    }

    /// <summary>Events read so far.</summary>
    public long Events => Interlocked.Read(ref _events);

    /// <summary>Set when the host closed the session (a consumer dropped for falling behind, say).</summary>
    public bool Closed { get; private set; }

    public static async Task<AmiConsumer> ConnectAsync(IPEndPoint endpoint, string user, string secret, AmiProbe probe, CancellationToken ct)
    {
        var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync(endpoint, ct);
        var consumer = new AmiConsumer(tcp, probe);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"Action: Login\r\nActionID: login\r\nUsername: {user}\r\nSecret: {secret}\r\n\r\n"), ct);
        var answer = await ReadLoginAnswerAsync(stream, ct);
        if (!answer.Contains("Authentication accepted", StringComparison.Ordinal))
        {
            tcp.Dispose();
            throw new InvalidOperationException($"AMI login as {user} was refused: {answer}");
        }

        consumer._reading = consumer.ReadAsync(stream);
        return consumer;
    }

    private static async Task<string> ReadLoginAnswerAsync(NetworkStream stream, CancellationToken ct)
    {
        var text = new StringBuilder();
        var one = new byte[1];
        while (!text.ToString().Contains("ActionID: login", StringComparison.Ordinal) || !text.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one, ct) == 0)
            {
                break;
            }

            text.Append((char)one[0]);
        }

        return text.ToString();
    }

    private async Task ReadAsync(NetworkStream stream)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(256 * 1024);
        var filled = 0;
        try
        {
            while (true)
            {
                if (filled == buffer.Length)
                {
                    // A packet longer than the buffer is no event this consumer looks for: drop it.
                    filled = 0;
                }

                var read = await stream.ReadAsync(buffer.AsMemory(filled), _stop.Token);
                if (read == 0)
                {
                    Closed = true;
                    return;
                }

                filled += read;
                var start = 0;
                while (true)
                {
                    var end = buffer.AsSpan(start, filled - start).IndexOf(PacketEnd);
                    if (end < 0)
                    {
                        break;
                    }

                    OnPacket(buffer.AsSpan(start, end + 2));
                    start += end + PacketEnd.Length;
                }

                buffer.AsSpan(start, filled - start).CopyTo(buffer);
                filled -= start;
            }
        }
        catch (Exception error) when (error is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            Closed = !_stop.IsCancellationRequested;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void OnPacket(ReadOnlySpan<byte> packet)
    {
        Interlocked.Increment(ref _events);
        if (!packet.StartsWith(NewchannelEvent))
        {
            return;
        }

        var at = packet.IndexOf(CallerIdHeader);
        if (at < 0)
        {
            return;
        }

        var value = packet[(at + CallerIdHeader.Length)..];
        var lineEnd = value.IndexOf((byte)'\r');
        _probe.Seen(lineEnd < 0 ? value : value[..lineEnd]);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _tcp.Dispose();
        try
        {
            await _reading;
        }
        catch (Exception error) when (error is OperationCanceledException or IOException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }
}

/// <summary>
/// Probe calls in flight: each has a caller number of its own, and completes once every consumer has seen its
/// <c>Newchannel</c> (the slowest consumer's delivery is the probe's latency).
/// </summary>
public sealed class AmiProbe(int consumers)
{
    /// <summary>Probe caller numbers start with this digit, followed by nine digits of the probe's number.</summary>
    public const string Prefix = "9";

    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, Pending> _pending = new();

    public static string CallerOf(long probe) => Prefix + probe.ToString("000000000", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Starts waiting for <paramref name="probe"/>; completes when every consumer has seen it.</summary>
    public Task Expect(long probe)
    {
        var pending = new Pending(consumers);
        _pending[probe] = pending;
        return pending.Done.Task;
    }

    public void Forget(long probe) => _pending.TryRemove(probe, out _);

    public void Seen(ReadOnlySpan<byte> callerId)
    {
        if (callerId.Length != 10 || callerId[0] != (byte)'9' || !long.TryParse(callerId[1..], out var probe))
        {
            return;
        }

        if (_pending.TryGetValue(probe, out var pending) && Interlocked.Decrement(ref pending.Remaining) == 0)
        {
            pending.Done.TrySetResult();
            _pending.TryRemove(probe, out _);
        }
    }

    private sealed class Pending(int consumers)
    {
        public int Remaining = consumers;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
