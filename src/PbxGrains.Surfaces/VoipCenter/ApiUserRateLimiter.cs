using System.Collections.Concurrent;

namespace PbxGrains.Surfaces.VoipCenter;

/// <summary>
/// Error 13's counter: a fixed window of requests per API user, kept per process (each silo/API process counts on its
/// own, so behind a load balancer a user gets up to the limit per process). It is a rebuildable read model of recent
/// traffic: losing it only forgives a window.
/// </summary>
public sealed class ApiUserRateLimiter(int limit, TimeSpan window, TimeProvider time)
{
    private const int MaxUsers = 10_000;

    private readonly ConcurrentDictionary<string, Counter> _users = new(StringComparer.Ordinal);

    /// <summary>Counts one attempt of <paramref name="user"/>; false when it is over the limit of its window.</summary>
    public bool TryAcquire(string user)
    {
        var now = time.GetTimestamp();
        if (_users.Count >= MaxUsers)
        {
            foreach (var (key, old) in _users)
            {
                if (time.GetElapsedTime(old.WindowStart, now) >= window)
                {
                    _users.TryRemove(new KeyValuePair<string, Counter>(key, old));
                }
            }
        }

        var counter = _users.GetOrAdd(user, _ => new Counter { WindowStart = now });
        lock (counter)
        {
            if (time.GetElapsedTime(counter.WindowStart, now) >= window)
            {
                counter.WindowStart = now;
                counter.Count = 0;
            }

            counter.Count++;
            return counter.Count <= limit;
        }
    }

    private sealed class Counter
    {
        public long WindowStart { get; set; }

        public int Count { get; set; }
    }
}
