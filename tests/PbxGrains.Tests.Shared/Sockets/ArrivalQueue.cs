using System.Threading.Channels;

namespace PbxGrains.Tests.Shared.Sockets;

/// <summary>
/// What a test client's reader has received and no test has taken yet. A wait takes the first item it wants; the items
/// before it stay for later waits (the events of different calls may arrive interleaved). One reader adds, one test
/// waits at a time.
/// </summary>
public sealed class ArrivalQueue<T>
{
    private readonly Channel<T> _items = Channel.CreateUnbounded<T>();
    private readonly List<T> _pending = [];

    /// <summary>Completes once the reader has seen the end of the stream.</summary>
    public Task Completion => _items.Reader.Completion;

    public void Add(T item) => _items.Writer.TryWrite(item);

    public void Complete() => _items.Writer.TryComplete();

    /// <summary>
    /// The first item <paramref name="wanted"/> accepts, within <paramref name="deadline"/>. Fails with
    /// <paramref name="timedOut"/> or <paramref name="closed"/>, each followed by what <paramref name="seen"/> tells.
    /// </summary>
    public async Task<T> WaitAsync(Func<T, bool> wanted, TimeSpan deadline, string timedOut, string closed, Func<string> seen)
    {
        var index = _pending.FindIndex(item => wanted(item));
        if (index >= 0)
        {
            var found = _pending[index];
            _pending.RemoveAt(index);
            return found;
        }

        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            while (true)
            {
                var item = await _items.Reader.ReadAsync(timeout.Token);
                if (wanted(item))
                {
                    return item;
                }

                _pending.Add(item);
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{timedOut}; seen: {seen()}");
        }
        catch (ChannelClosedException)
        {
            throw new IOException($"{closed}; seen: {seen()}");
        }
    }
}
