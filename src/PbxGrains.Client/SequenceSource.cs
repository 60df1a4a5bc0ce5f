using System.Collections.Concurrent;
using PbxGrains.Abstractions.Interfaces;

namespace PbxGrains.Client;

/// <summary>
/// Hands out a tenant's sequence numbers from blocks leased from the tenant's <see cref="IIdAllocatorGrain"/>, so a
/// new call or channel costs no grain call in the common case. One per process; the leased blocks are a cache that
/// is simply leased anew after a restart (unused numbers of a lost block are skipped, never reused).
/// </summary>
public sealed class SequenceSource(IGrainFactory grains)
{
    private const int BlockSize = 256;
    private readonly ConcurrentDictionary<string, Block> _blocks = new(StringComparer.Ordinal);

    public async ValueTask<long> NextAsync(string tenant)
    {
        while (true)
        {
            if (_blocks.TryGetValue(tenant, out var block) && block.TryTake(out var value))
            {
                return value;
            }

            var start = await grains.Ref<IIdAllocatorGrain>(tenant).NextBlockAsync(BlockSize);
            var fresh = new Block(start, start + BlockSize);
            fresh.TryTake(out value);
            _blocks[tenant] = fresh;
            return value;
        }
    }

    private sealed class Block(long next, long end)
    {
        private long _next = next;

        public bool TryTake(out long value)
        {
            value = Interlocked.Increment(ref _next) - 1;
            return value < end;
        }
    }
}
