using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Abstractions.Model;
using PbxGrains.Grains.Hosting;
using PbxGrains.Grains.Recordings;
using PbxGrains.Tests.Cluster.Infrastructure;

namespace PbxGrains.Tests.Cluster.Recordings;

/// <summary>
/// The recording store's segments, index and tree: lookups by call and by sequence number wherever a file is kept,
/// moves and deletes that touch only what they change, bytes per add that do not grow with what the store holds, and a
/// store written by the build before segments.
/// </summary>
public sealed class RecordingStoreTests(ClusterFixture fixture) : ClusterTest(fixture)
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Recordings_are_found_by_call_and_by_sequence_in_sealed_and_open_segments_and_follow_their_moves()
    {
        var store = Pbx.Recordings(NewTenantId());
        await AddAsync(store, File("1700000000.41", "/var/spool/asterisk/monitor", "a.wav", 0));
        await AddAsync(store, File("1700000000.41", "/var/spool/asterisk/monitor", "b.wav", 1));
        for (var i = 0; i < 2 * ClusterFixture.RecordingSegmentSize; i++)
        {
            await AddAsync(store, File($"1700000100.{100 + i}", "/tmp/many", $"f{i}.wav", 2 + i));
        }

        // Another call with the same sequence number, a later epoch; and a call id that is not a unique id.
        await AddAsync(store, File("1700000500.41", "/mnt/x", "c.wav", 100));
        await AddAsync(store, File("trunk-call", "/tmp", "t.wav", 101));

        Assert.Equal(["a.wav", "b.wav"], (await store.FindByCallAsync("1700000000.41")).Select(f => f.Name));
        Assert.Equal(["a.wav", "b.wav", "c.wav"], (await store.FindBySequenceAsync(41)).Select(f => f.Name));
        Assert.Equal("t.wav", Assert.Single(await store.FindByCallAsync("trunk-call")).Name);
        Assert.Empty(await store.FindBySequenceAsync(42));
        Assert.True(await store.FolderExistsAsync("/mnt/x"));
        Assert.True(await store.FolderExistsAsync("/tmp/many/"));
        Assert.False(await store.FolderExistsAsync("/tmp/none"));

        // A sealed file and an open one move; their old paths are free again, their new ones taken.
        var sealedMove = await store.MoveAsync("1700000000.41", "/var/spool/asterisk/monitor/a.wav", "/mnt/archive/2026", "a1.wav");
        Assert.True(sealedMove.IsOk, sealedMove.ToString());
        var openMove = await store.MoveAsync("1700000500.41", "/mnt/x/c.wav", null, "c1.wav");
        Assert.True(openMove.IsOk, openMove.ToString());
        Assert.Equal(["/mnt/archive/2026/a1.wav", "/var/spool/asterisk/monitor/b.wav", "/mnt/x/c1.wav"], (await store.FindBySequenceAsync(41)).Select(f => f.Path));
        Assert.True(await store.FolderExistsAsync("/mnt/archive"));
        Assert.Equal(DomainError.RecordingNotFound, (await store.DeleteAsync("/var/spool/asterisk/monitor/a.wav")).Error);
        await AddAsync(store, File("1700000600.7", "/var/spool/asterisk/monitor", "a.wav", 102));

        // Refusals as before: a name taken, a folder that cannot be made, one that cannot be written.
        Assert.Equal(DomainError.DestinationNotWritable, (await store.MoveAsync("1700000000.41", "/var/spool/asterisk/monitor/b.wav", "/mnt/x", "c1.wav")).Error);
        Assert.Equal(DomainError.FolderNotCreatable, (await store.MoveAsync("1700000000.41", "/var/spool/asterisk/monitor/b.wav", "/usr/x", null)).Error);
        Assert.Equal(DomainError.DestinationNotWritable, (await store.MoveAsync("1700000000.41", "/var/spool/asterisk/monitor/b.wav", "/etc", null)).Error);
        Assert.Equal(DomainError.RecordingNotFound, (await store.MoveAsync("1700000000.41", "nope.wav", "/tmp", null)).Error);
        Assert.False(await store.FolderExistsAsync("/usr/x"));

        // A second file at a taken path is not made.
        await store.AddAsync(File("1700000700.8", "/mnt/x", "c1.wav", 103));
        Assert.True(await store.FolderExistsAsync("/mnt/x"));
        Assert.Empty(await store.FindByCallAsync("1700000700.8"));

        Assert.True((await store.DeleteAsync("/mnt/archive/2026/a1.wav")).IsOk);
        Assert.True((await store.DeleteAsync("/mnt/x/c1.wav")).IsOk);
        Assert.Equal(["b.wav"], (await store.FindBySequenceAsync(41)).Select(f => f.Name));
        Assert.Equal(2 * ClusterFixture.RecordingSegmentSize + 3, (await store.ListAsync()).Length);
    }

    [Fact]
    public async Task Adding_a_recording_writes_about_the_same_bytes_whether_the_store_holds_nothing_or_is_full()
    {
        var tenant = NewTenantId();
        var store = Pbx.Recordings(tenant);
        const int max = ClusterFixture.MaxRecordingsPerTenant;
        const int adds = 4 * max;
        var bytes = new long[adds];
        var largest = new int[adds];
        for (var i = 0; i < adds; i++)
        {
            var mark = Fixture.Writes.Mark();
            await AddAsync(store, File($"1700000000.{i}", $"/var/spool/asterisk/monitor/{i % 7}", $"call-{i}.wav", i));
            var writes = Fixture.Writes.Since(mark, tenant).Where(w => w.Key == tenant || w.Key.StartsWith(tenant + "/", StringComparison.Ordinal)).ToList();
            bytes[i] = writes.Sum(w => (long)w.Bytes);
            largest[i] = writes.Max(w => w.Bytes);
        }

        // Windows of one index run (64 calls, whose bucket fills from empty to full within it): the first files, a
        // store just short of its bound, a store that has just begun to evict its oldest file on each add, and the end.
        const int run = RecordingKeys.IndexRun;
        double Average(int from) => bytes.Skip(from).Take(run).Average();
        var first = Average(0);
        var nearlyFull = Average(max - run);
        var evicting = Average(max + run);
        var last = Average(adds - run);

        // A store written whole would write about a hundred times more just short of its bound than at first.
        Assert.True(nearlyFull <= first * 1.5, $"an add wrote {first:F0} bytes on average at first and {nearlyFull:F0} with the store nearly full");
        Assert.True(evicting <= first * 3, $"an add wrote {first:F0} bytes on average at first and {evicting:F0} when it also evicts the oldest file");
        Assert.True(last <= evicting * 1.2, $"an evicting add wrote {evicting:F0} bytes on average at first and {last:F0} {adds - max} files later");
        Assert.True(largest.TakeLast(run).Max() <= largest.Take(max).Max() * 1.5,
            $"the largest single write grew from {largest.Take(max).Max()} to {largest.TakeLast(run).Max()} bytes");
        Assert.Equal(max, (await store.ListAsync()).Length);
    }

    [Fact]
    public async Task A_store_written_whole_by_the_build_before_segments_loads_and_goes_on()
    {
        var tenant = NewTenantId();
        var files = Enumerable.Range(1, 3 * ClusterFixture.RecordingSegmentSize + 2)
            .Select(i => File($"1700000000.{i}", i % 2 == 0 ? "/mnt/old/even" : "/var/spool/asterisk/monitor", $"old-{i}.wav", i)).ToList();

        // What the older build wrote: every file by path and the created folders, in the same state record (ids 0 and 1).
        var legacy = new RecordingStoreState
        {
            Files = files.ToImmutableDictionary(f => f.Path, StringComparer.Ordinal),
            Folders = ["/mnt/old", "/mnt/old/even", "/mnt/empty"],
        };
        var storage = Fixture.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(PbxStorage.Name);
        var grainId = Pbx.Recordings(tenant).GetGrainId();
        await storage.WriteStateAsync("recordings", grainId, new GrainState<RecordingStoreState>(legacy));

        var store = Pbx.Recordings(tenant);
        Assert.Equal(files.Select(f => f.Path).Order(StringComparer.Ordinal), (await store.ListAsync()).Select(f => f.Path));
        Assert.Equal("old-7.wav", Assert.Single(await store.FindBySequenceAsync(7)).Name);
        Assert.True(await store.FolderExistsAsync("/mnt/empty"));
        Assert.True((await store.MoveAsync("1700000000.2", "/mnt/old/even/old-2.wav", "/tmp", null)).IsOk);
        await AddAsync(store, File("1700000001.1", "/mnt/old/even", "new.wav", 1000));

        // The old dictionary is gone from the stored state: from now on an add writes the open segment only.
        var read = new GrainState<RecordingStoreState>();
        await storage.ReadStateAsync("recordings", grainId, read);
        var stored = Assert.IsType<RecordingStoreState>(read.State);
        Assert.Empty(stored.Files);
        Assert.Empty(stored.Folders);
        Assert.Equal(files.Count + 1, stored.Kept);
        Assert.True(stored.OpenFiles.Length < ClusterFixture.RecordingSegmentSize);
        Assert.Equal(["/tmp/old-2.wav", "/mnt/old/even/new.wav"],
            (await store.FindByCallAsync("1700000000.2")).Concat(await store.FindByCallAsync("1700000001.1")).Select(f => f.Path));
    }

    private static RecordingFile File(string callId, string folder, string name, int minute) => new()
    {
        CallId = callId,
        Folder = folder,
        Name = name,
        RecordedAs = RecordingPaths.Combine(folder, name),
        Channel = "SIP/1000-00000001",
        Created = T0.AddMinutes(minute),
    };

    /// <summary>Adds a file and waits until the store has it: adds are one way.</summary>
    private static async Task AddAsync(IRecordingStoreGrain store, RecordingFile file)
    {
        await store.AddAsync(file);
        await Wait.Until(async () => (await store.FindByCallAsync(file.CallId)).Any(f => f.RecordedAs == file.RecordedAs), $"file {file.Path}");
    }
}
