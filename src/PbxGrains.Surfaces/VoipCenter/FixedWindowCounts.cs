using System.Collections.Concurrent;

namespace PbxGrains.Surfaces.VoipCenter;

/// <summary>
/// Counts per key in fixed windows of time: a key's window starts at its first count and the count starts again once
/// <c>window</c> has passed. At most <c>maxKeys</c> keys are held: when that many are counting within their windows, a
/// new key is not counted (so a flood of new keys cannot grow memory). Per process, rebuildable: losing it only forgives
/// a window.
/// </summary>
public sealed class FixedWindowCounts(TimeSpan window, int maxKeys, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Counter> _counters = new(StringComparer.Ordinal);

    /// <summary>How many keys are held now.</summary>
    public int Tracked => _counters.Count;

    /// <summary>Counts one for <paramref name="key"/>: its count in the current window, or null when it is not held.</summary>
    public int? Add(string key)
    {
        var now = time.GetTimestamp();
        if (!_counters.ContainsKey(key) && _counters.Count >= maxKeys)
        {
            foreach (var (known, old) in _counters)
            {
                if (time.GetElapsedTime(old.WindowStart, now) >= window)
                {
                    _counters.TryRemove(new KeyValuePair<string, Counter>(known, old));
                }
            }

            if (_counters.Count >= maxKeys)
            {
                return null;
            }
        }

        var counter = _counters.GetOrAdd(key, _ => new Counter { WindowStart = now });
        lock (counter)
        {
            if (time.GetElapsedTime(counter.WindowStart, now) >= window)
            {
                counter.WindowStart = now;
                counter.Count = 0;
            }

            return ++counter.Count;
        }
    }

    /// <summary>The count of <paramref name="key"/> in its current window (0 when its window has passed or it is not held).</summary>
    public int Current(string key)
    {
        if (!_counters.TryGetValue(key, out var counter))
        {
            return 0;
        }

        lock (counter)
        {
            return time.GetElapsedTime(counter.WindowStart) < window ? counter.Count : 0;
        }
    }

    private sealed class Counter
    {
        public long WindowStart { get; set; }

        public int Count { get; set; }
    }
}
