using System.Net.Sockets;
using System.Threading.Channels;

namespace PbxGrains.Surfaces.Sockets;

/// <summary>
/// What a socket connection has rendered and not yet sent, bounded by a number of messages and, optionally, of bytes.
/// Writers never wait: a write that would pass either bound is refused, and the connection that owns the outbox drops
/// its consumer, so nothing upstream (the call-event feed, a grain) ever waits for a slow reader. One reader drains it
/// into the socket.
/// </summary>
public sealed class SocketOutbox
{
    private readonly Channel<byte[]> _messages;
    private readonly long _maxBytes;
    private long _bytes;

    /// <param name="maxMessages">Messages that may wait to be sent (at least 1).</param>
    /// <param name="maxBytes">Bytes that may wait to be sent; 0 for no bound on bytes.</param>
    public SocketOutbox(int maxMessages, long maxBytes = 0)
    {
        _maxBytes = maxBytes;
        _messages = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(Math.Max(1, maxMessages))
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Messages waiting to be sent.</summary>
    public int Count => _messages.Reader.Count;

    /// <summary>Bytes waiting to be sent.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Completes once the outbox was closed and everything in it was sent.</summary>
    public Task Completion => _messages.Reader.Completion;

    /// <summary>False when the message does not fit (or the outbox was closed): the consumer fell behind.</summary>
    public bool TryWrite(byte[] message)
    {
        if (_maxBytes > 0 && Interlocked.Add(ref _bytes, message.Length) > _maxBytes)
        {
            Interlocked.Add(ref _bytes, -message.Length);
            return false;
        }

        if (_maxBytes <= 0)
        {
            Interlocked.Add(ref _bytes, message.Length);
        }

        if (_messages.Writer.TryWrite(message))
        {
            return true;
        }

        Interlocked.Add(ref _bytes, -message.Length);
        return false;
    }

    /// <summary>No more messages: the reader sends what is there and ends.</summary>
    public void Complete() => _messages.Writer.TryComplete();

    /// <summary>Sends every message, in order, until the outbox is completed or <paramref name="cancellationToken"/> fires.</summary>
    public async Task SendAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        await foreach (var message in _messages.Reader.ReadAllAsync(cancellationToken))
        {
            await stream.WriteAsync(message, cancellationToken);
            Interlocked.Add(ref _bytes, -message.Length);
        }
    }
}
