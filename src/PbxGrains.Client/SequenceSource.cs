using System.Collections.Concurrent;
using PbxGrains.Abstractions.Interfaces;

namespace PbxGrains.Client;

/// <summary>
/// Hands out a tenant's sequence numbers from blocks leased from the tenant's <see cref="IIdAllocatorGrain"/>, so a
/// new call or channel costs no grain call in the common case. One per process; the leased blocks are a cache that
/// is simply leased anew after a restart (unused numbers of a lost block are skipped, never reused).
/// </summary>
/// <remarks>
/// Leasing a block writes the allocator's state, so it waits on the store. The next block is leased when half of the
/// current one is gone, in the background: a store that stalls for a while (Redis paused or failing over) holds up no
/// call until the runway of half a block runs out (at 20 calls a second through one process, about half a minute).
/// </remarks>
public sealed class SequenceSource(IGrainFactory grains)
{
    /// <summary>How many numbers one lease takes from the allocator.</summary>
    public const int BlockSize = 4096;
    private readonly ConcurrentDictionary<string, Lease> _leases = new(StringComparer.Ordinal);

    public ValueTask<long> NextAsync(string tenant) => _leases.GetOrAdd(tenant, t => new Lease(grains, t)).NextAsync();

    /// <summary>One tenant's numbers: the block being handed out and the one being leased behind it.</summary>
    private sealed class Lease(IGrainFactory grains, string tenant)
    {
        private readonly Lock _gate = new();
        private Block? _current;
        private Task<Block>? _upcoming;

        public async ValueTask<long> NextAsync()
        {
            while (true)
            {
                Task<Block> upcoming;
                lock (_gate)
                {
                    if (_current is { } block && block.TryTake(out var value))
                    {
                        if (block.Remaining < BlockSize / 2)
                        {
                            _upcoming ??= LeaseAsync();
                        }

                        return value;
                    }

                    upcoming = _upcoming ??= LeaseAsync();
                }

                Block leased;
                try
                {
                    leased = await upcoming;
                }
                catch
                {
                    // A failed lease is not kept: the next number asks again.
                    lock (_gate)
                    {
                        if (_upcoming == upcoming)
                        {
                            _upcoming = null;
                        }
                    }

                    throw;
                }

                lock (_gate)
                {
                    if (_upcoming == upcoming)
                    {
                        (_current, _upcoming) = (leased, null);
                    }
                }
            }
        }

        // Off the caller's grain context: the lease outlives the turn (and maybe the activation) that started it.
        private Task<Block> LeaseAsync() => Task.Run(async () =>
        {
            long start;
            try
            {
                start = await grains.Ref<IIdAllocatorGrain>(tenant).NextBlockAsync(BlockSize);
            }
            catch (Exception)
            {
                // Once more: a write that timed out but reached the store leaves the allocator's version behind, and
                // its next write fails with a version conflict (the activation then goes and reads the store again).
                // A lease taken twice only skips numbers.
                start = await grains.Ref<IIdAllocatorGrain>(tenant).NextBlockAsync(BlockSize);
            }

            return new Block(start, start + BlockSize);
        });
    }

    private sealed class Block(long next, long end)
    {
        private long _next = next;

        public long Remaining => Math.Max(0, end - Volatile.Read(ref _next));

        public bool TryTake(out long value)
        {
            value = Interlocked.Increment(ref _next) - 1;
            return value < end;
        }
    }
}
