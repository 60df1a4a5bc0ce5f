using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Abstractions.Model;
using PbxGrains.Client;
using PbxGrains.Grains.Hosting;

namespace PbxGrains.Grains.Recordings;

/// <summary>
/// A tenant's recording store (see <see cref="IRecordingStoreGrain"/>), built like the CDR store: its own state is the
/// open segment (at most <see cref="RecordingStoreOptions.SegmentSize"/> files) and counters; every file has a
/// position, the order the store was given it in, and a full run of positions is sealed into a segment grain. An index
/// by call (buckets of consecutive unique-id sequence numbers) finds a call's files, and a tree of hash buckets finds a
/// path's file and the created folders. So an add writes the open segment, one index bucket and one tree bucket, and a
/// move or delete rewrites the one segment, bucket and bucket it touches, whatever the store holds. Past
/// <see cref="RecordingStoreOptions.MaxFilesPerTenant"/> the file with the lowest position goes as a new one comes.
/// <para>
/// Index and tree entries are hints that a file's own entry confirms: a claim left by an add that storage refused, or
/// an entry a crash left behind, points at a position that no longer holds that file, and is simply taken over. Reads
/// interleave (<c>[ReadOnly]</c>) but never with a change, so a read always sees the store between two changes. It awaits
/// only its segment, index and tree grains, which call no other grain.
/// </para>
/// </summary>
public sealed partial class RecordingStoreGrain(
    [PersistentState("recordings", PbxStorage.Name)] IPersistentState<RecordingStoreState> state,
    IOptions<RecordingStoreOptions> options,
    ILogger<RecordingStoreGrain> logger) : Grain, IRecordingStoreGrain
{
    /// <summary>Files an add evicts at most: a bound lowered by configuration is reached over a few adds, never in one big step.</summary>
    private const int MaxEvictionsPerAdd = 4;

    /// <summary>Segments a purge drops per timer tick, and tree buckets it clears per tick.</summary>
    private const int DropBatch = 16;

    private const int ClearBatch = 64;

    /// <summary>Grain calls a migration or a listing has in flight at once.</summary>
    private const int Parallel = 32;

    private const int MaxKnownFolders = 4096;

    // Not state: folders of the current generation seen to exist (a cache that spares a tree lookup per add; folders
    // are only ever added, except by a purge, which empties it).
    private readonly HashSet<string> _knownFolders = new(StringComparer.Ordinal);
    private IGrainTimer? _dropping;

    private string Tenant => this.GetPrimaryKeyString();

    private long Generation => state.State.Generation;

    /// <summary>The store's segment size: fixed once it holds anything, else the configured one.</summary>
    private int SegmentSize => state.State.SegmentSize > 0 ? state.State.SegmentSize : options.Value.Segment;

    private int TreeBuckets => state.State.TreeBuckets > 0 ? state.State.TreeBuckets : options.Value.TreeBuckets;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!state.State.Files.IsEmpty || !state.State.Folders.IsEmpty)
        {
            await MigrateAsync();
        }

        if (!state.State.Purges.IsEmpty)
        {
            StartDropping();
        }
    }

    public async Task AddAsync(RecordingFile file)
    {
        try
        {
            await AddFileAsync(file);
        }
        catch (Exception error)
        {
            // One way: nobody waits for an answer, so the failure is logged and the store stays as storage has it.
            LogAddFailed(Tenant, file.Path, error);
        }
    }

    public async Task<ImmutableArray<RecordingFile>> ListAsync()
    {
        var current = state.State;
        var open = current.Next / SegmentSize;
        var files = new List<RecordingFile>();
        foreach (var chunk in Range(current.Oldest / SegmentSize, open).Chunk(Parallel))
        {
            var segments = await Task.WhenAll(chunk.Select(n => Segment(n).ReadAsync()));
            files.AddRange(segments.SelectMany(s => s).Where(e => e.Position >= current.Oldest).Select(e => e.File));
        }

        files.AddRange(current.OpenFiles.Select(e => e.File));
        return [.. files.OrderBy(f => f.Path, StringComparer.Ordinal)];
    }

    public async Task<ImmutableArray<RecordingFile>> FindByCallAsync(string callId)
    {
        var entries = await Index(callId).ReadAsync();
        return await FilesOfAsync(entries.Where(e => e.CallId == callId));
    }

    public async Task<ImmutableArray<RecordingFile>> FindBySequenceAsync(long sequence)
    {
        var entries = await IndexGrain(RecordingKeys.IndexOfSequence(Tenant, Generation, sequence)).ReadAsync();
        return await FilesOfAsync(entries.Where(e => RecordingKeys.SequenceOf(e.CallId) == sequence));
    }

    public async Task<PbxResult<RecordingFile>> MoveAsync(string callId, string recordedAs, string? folder, string? name)
    {
        var current = state.State;
        var entry = (await Index(callId).ReadAsync()).FirstOrDefault(e => e.CallId == callId && e.RecordedAs == recordedAs);
        if (entry is null || await FileAtAsync(entry.Position) is not { } file || !IsRecording(file, callId, recordedAs))
        {
            return PbxResult<RecordingFile>.Fail(DomainError.RecordingNotFound, recordedAs);
        }

        var target = folder is null ? file.Folder : RecordingPaths.NormalizeFolder(folder);
        var newName = name ?? file.Name;
        if (target is null)
        {
            return PbxResult<RecordingFile>.Fail(DomainError.FolderNotCreatable, folder);
        }

        if (await MissingFoldersAsync(target) is not { } missing)
        {
            return PbxResult<RecordingFile>.Fail(DomainError.FolderNotCreatable, target);
        }

        var moved = file with { Folder = target, Name = newName };
        if (!RecordingPaths.IsFileName(newName) || !RecordingTree.IsWritable(target))
        {
            return PbxResult<RecordingFile>.Fail(DomainError.DestinationNotWritable, moved.Path);
        }

        var position = entry.Position;
        if (moved.Path != file.Path && !await ClaimPathAsync(moved.Path, position))
        {
            return PbxResult<RecordingFile>.Fail(DomainError.DestinationNotWritable, moved.Path);
        }

        await CreateFoldersAsync(missing);
        var replaced = new RecordingEntry { Position = position, File = moved };
        if (IsOpen(position))
        {
            await state.CommitAsync(current with { OpenFiles = current.OpenFiles.Replace(current.OpenFiles.First(e => e.Position == position), replaced) });
        }
        else
        {
            await Segment(position / SegmentSize).ReplaceAsync(replaced);
        }

        if (moved.Path != file.Path)
        {
            await Tree(file.Path).RemoveFilesAsync(ImmutableDictionary<string, long>.Empty.Add(file.Path, position));
        }

        return PbxResult<RecordingFile>.Success(moved);
    }

    public async Task<PbxResult> DeleteAsync(string path)
    {
        var current = state.State;
        if ((await Tree(path).FindAsync(path)).File is not { } position || await FileAtAsync(position) is not { } file || file.Path != path)
        {
            return PbxResult.Fail(DomainError.RecordingNotFound, path);
        }

        var entry = new RecordingEntry { Position = position, File = file };
        var open = current.OpenFiles;
        if (IsOpen(position))
        {
            open = open.RemoveAll(e => e.Position == position);
        }
        else
        {
            await Segment(position / SegmentSize).RemoveAsync([position]);
        }

        await ForgetAsync([entry]);
        await state.CommitAsync(current with { OpenFiles = open, Kept = current.Kept - 1 });
        return PbxResult.Ok;
    }

    public async Task<bool> FolderExistsAsync(string folder) =>
        RecordingPaths.NormalizeFolder(folder) is { } normal && await FolderExistsInTreeAsync(normal);

    public async Task PurgeAsync()
    {
        var current = state.State;
        if (!current.Touched)
        {
            // Nothing was written in this generation; a drop under way keeps the activation until it is done.
            if (_dropping is null)
            {
                DeactivateOnIdle();
            }

            return;
        }

        // The open segment is sealed like the others, so the drop finds every file (and its index entries) in segments.
        var end = current.Next / SegmentSize;
        if (!current.OpenFiles.IsEmpty)
        {
            await Segment(end).SealAsync(current.OpenFiles);
            end++;
        }

        var purge = new RecordingPurge
        {
            Generation = current.Generation,
            TreeBuckets = TreeBuckets,
            NextSegment = current.Oldest / SegmentSize,
            EndSegment = end,
        };
        await state.CommitAsync(new RecordingStoreState { Generation = current.Generation + 1, Purges = current.Purges.Add(purge) });
        _knownFolders.Clear();
        StartDropping();
    }

    private async Task AddFileAsync(RecordingFile file)
    {
        var current = state.State;
        if (current.OpenFiles.Any(e => IsRecording(e.File, file.CallId, file.RecordedAs)))
        {
            return;
        }

        // Like a recorder that cannot open its file: nothing is written where the PBX may not write, and nothing
        // replaces another call's recording.
        if (!RecordingTree.IsWritable(file.Folder) || await MissingFoldersAsync(file.Folder) is not { } missing)
        {
            return;
        }

        var position = current.Next;
        var entry = new RecordingIndexEntry { CallId = file.CallId, RecordedAs = file.RecordedAs, Position = position };
        var index = Index(file.CallId);
        if (await index.ClaimAsync(entry) is { } claimed)
        {
            if (await FileAtAsync(claimed.Position) is { } known && IsRecording(known, file.CallId, file.RecordedAs))
            {
                return;
            }

            await index.SetAsync([entry]);
        }

        if (!await ClaimPathAsync(file.Path, position))
        {
            await index.RemoveAsync([entry]);
            return;
        }

        await CreateFoldersAsync(missing);

        var open = current.OpenFiles.Add(new RecordingEntry { Position = position, File = file });
        var next = position + 1;
        if (next % SegmentSize == 0)
        {
            await Segment(position / SegmentSize).SealAsync(open);
            open = [];
        }

        // The bound: the files with the lowest positions go (skipping positions a delete emptied already).
        var oldest = current.Oldest;
        var kept = current.Kept + 1;
        var evicted = new List<RecordingEntry>();
        while (kept > Math.Max(1, options.Value.MaxFilesPerTenant) && evicted.Count < MaxEvictionsPerAdd && oldest < next)
        {
            RecordingEntry? gone;
            (gone, oldest, open) = await RemoveOldestAsync(oldest, next, open);
            if (gone is null)
            {
                break;
            }

            evicted.Add(gone);
            kept--;
        }

        await ForgetAsync(evicted);
        await state.CommitAsync(current with
        {
            SegmentSize = SegmentSize,
            TreeBuckets = TreeBuckets,
            Next = next,
            Oldest = oldest,
            Kept = kept,
            OpenFiles = open,
            Touched = true,
        });
    }

    /// <summary>The entry with the lowest position at or after <paramref name="oldest"/>, removed; and where the next search starts.</summary>
    private async Task<(RecordingEntry? Gone, long Oldest, ImmutableArray<RecordingEntry> Open)> RemoveOldestAsync(
        long oldest, long next, ImmutableArray<RecordingEntry> open)
    {
        while (oldest < next)
        {
            var segment = oldest / SegmentSize;
            if (segment == next / SegmentSize)
            {
                // The open segment, in position order.
                var first = open.FirstOrDefault(e => e.Position >= oldest);
                return first is null ? (null, next, open) : (first, first.Position + 1, open.Remove(first));
            }

            if (await Segment(segment).RemoveOldestAsync(oldest) is { } removed)
            {
                return (removed, removed.Position + 1, open);
            }

            oldest = (segment + 1) * SegmentSize;
        }

        return (null, oldest, open);
    }

    /// <summary>
    /// Takes <paramref name="path"/> for the file at <paramref name="position"/>; false when another file has it. A tree
    /// entry whose position no longer holds a file of that path is taken over.
    /// </summary>
    private async Task<bool> ClaimPathAsync(string path, long position)
    {
        var tree = Tree(path);
        if (await tree.ClaimFileAsync(path, position) is not { } owner)
        {
            return true;
        }

        if (await FileAtAsync(owner) is { } other && other.Path == path)
        {
            return false;
        }

        await tree.SetFilesAsync(ImmutableDictionary<string, long>.Empty.Add(path, position));
        return true;
    }

    /// <summary>Removes the index and tree entries of files that are gone.</summary>
    private Task ForgetAsync(IReadOnlyCollection<RecordingEntry> gone)
    {
        if (gone.Count == 0)
        {
            return Task.CompletedTask;
        }

        var index = gone.GroupBy(e => RecordingKeys.Index(Tenant, Generation, e.File.CallId))
            .Select(g => IndexGrain(g.Key).RemoveAsync([.. g.Select(IndexEntryOf)]));
        var tree = gone.GroupBy(e => RecordingKeys.TreeBucketOf(e.File.Path, TreeBuckets))
            .Select(g => TreeGrain(Generation, g.Key).RemoveFilesAsync(g.ToImmutableDictionary(e => e.File.Path, e => e.Position)));
        return Task.WhenAll(index.Concat(tree));
    }

    /// <summary>
    /// The folders to create for <paramref name="folder"/> to exist (as <c>mkdir -p</c>): none when it exists, null when
    /// it is missing and its nearest existing ancestor cannot be written. A lookup per missing level, none for a known folder.
    /// </summary>
    private async Task<ImmutableArray<string>?> MissingFoldersAsync(string folder)
    {
        var missing = new List<string>();
        var at = folder;
        while (!await FolderExistsInTreeAsync(at))
        {
            missing.Add(at);
            at = RecordingPaths.Parent(at)!;
        }

        return missing.Count == 0 ? [] : RecordingTree.IsWritable(at) ? [.. missing] : null;
    }

    private async Task<bool> FolderExistsInTreeAsync(string folder)
    {
        if (RecordingTree.Skeleton.Contains(folder) || _knownFolders.Contains(folder))
        {
            return true;
        }

        if (!(await Tree(folder).FindAsync(folder)).Folder)
        {
            return false;
        }

        Remember(folder);
        return true;
    }

    private async Task CreateFoldersAsync(ImmutableArray<string> folders)
    {
        if (folders.IsEmpty)
        {
            return;
        }

        await Task.WhenAll(folders.GroupBy(f => RecordingKeys.TreeBucketOf(f, TreeBuckets))
            .Select(g => TreeGrain(Generation, g.Key).AddFoldersAsync([.. g])));
        foreach (var folder in folders)
        {
            Remember(folder);
        }
    }

    private void Remember(string folder)
    {
        if (_knownFolders.Count >= MaxKnownFolders)
        {
            _knownFolders.Clear();
        }

        _knownFolders.Add(folder);
    }

    /// <summary>The file the store keeps at a position, or null (never given, evicted, deleted).</summary>
    private async Task<RecordingFile?> FileAtAsync(long position)
    {
        var current = state.State;
        if (position < current.Oldest || position >= current.Next)
        {
            return null;
        }

        if (IsOpen(position))
        {
            return current.OpenFiles.FirstOrDefault(e => e.Position == position)?.File;
        }

        return (await Segment(position / SegmentSize).GetAsync([position])).FirstOrDefault()?.File;
    }

    /// <summary>The files index entries point at, confirmed by the files themselves; oldest first.</summary>
    private async Task<ImmutableArray<RecordingFile>> FilesOfAsync(IEnumerable<RecordingIndexEntry> entries)
    {
        var files = new List<RecordingFile>();
        foreach (var segment in entries.GroupBy(e => e.Position / SegmentSize))
        {
            var positions = segment.Select(e => e.Position).ToImmutableArray();
            var found = IsOpen(positions[0])
                ? state.State.OpenFiles.Where(e => positions.Contains(e.Position)).ToImmutableArray()
                : await Segment(segment.Key).GetAsync(positions);
            files.AddRange(found.Where(e => e.Position >= state.State.Oldest && segment.Any(i => i.Position == e.Position && IsRecording(e.File, i.CallId, i.RecordedAs)))
                .Select(e => e.File));
        }

        return [.. files.OrderBy(f => f.Created).ThenBy(f => f.Path, StringComparer.Ordinal)];
    }

    private bool IsOpen(long position) => position / SegmentSize == state.State.Next / SegmentSize;

    private static bool IsRecording(RecordingFile file, string callId, string recordedAs) =>
        string.Equals(file.CallId, callId, StringComparison.Ordinal) && string.Equals(file.RecordedAs, recordedAs, StringComparison.Ordinal);

    private static RecordingIndexEntry IndexEntryOf(RecordingEntry entry) =>
        new() { CallId = entry.File.CallId, RecordedAs = entry.File.RecordedAs, Position = entry.Position };

    private static IEnumerable<long> Range(long from, long to)
    {
        for (var n = from; n < to; n++)
        {
            yield return n;
        }
    }

    /// <summary>
    /// A store written by a build before segments kept every file in its own state. It is moved into segments, the index
    /// and the tree once, in creation order, then its state is written once without them. Every step writes the same
    /// thing again if it is repeated, so a migration cut short is simply made again on the next activation.
    /// </summary>
    private async Task MigrateAsync()
    {
        var legacy = state.State;
        var size = options.Value.Segment;
        var buckets = options.Value.TreeBuckets;
        var entries = legacy.Files.Values.OrderBy(f => f.Created).ThenBy(f => f.Path, StringComparer.Ordinal)
            .Select((f, i) => new RecordingEntry { Position = i, File = f }).ToList();
        var full = entries.Count / size;

        var work = new List<Func<Task>>();
        work.AddRange(entries.Take(full * size).GroupBy(e => e.Position / size)
            .Select(g => (Func<Task>)(() => Segment(legacy.Generation, g.Key).SealAsync([.. g]))));
        work.AddRange(entries.GroupBy(e => RecordingKeys.Index(Tenant, legacy.Generation, e.File.CallId))
            .Select(g => (Func<Task>)(() => IndexGrain(g.Key).SetAsync([.. g.Select(IndexEntryOf)]))));
        work.AddRange(entries.GroupBy(e => RecordingKeys.TreeBucketOf(e.File.Path, buckets))
            .Select(g => (Func<Task>)(() => TreeGrain(legacy.Generation, g.Key).SetFilesAsync(g.ToImmutableDictionary(e => e.File.Path, e => e.Position)))));
        work.AddRange(legacy.Folders.GroupBy(f => RecordingKeys.TreeBucketOf(f, buckets))
            .Select(g => (Func<Task>)(() => TreeGrain(legacy.Generation, g.Key).AddFoldersAsync([.. g]))));
        foreach (var chunk in work.Chunk(Parallel))
        {
            await Task.WhenAll(chunk.Select(w => w()));
        }

        await state.CommitAsync(new RecordingStoreState
        {
            Generation = legacy.Generation,
            SegmentSize = size,
            TreeBuckets = buckets,
            Next = entries.Count,
            Kept = entries.Count,
            OpenFiles = [.. entries.Skip(full * size)],
            Touched = true,
            Purges = legacy.Purges,
        });
        LogMigrated(Tenant, entries.Count, legacy.Folders.Count);
    }

    private void StartDropping() =>
        _dropping ??= this.RegisterGrainTimer(DropBatchAsync, new GrainTimerCreationOptions(TimeSpan.Zero, TimeSpan.FromMilliseconds(200)) { KeepAlive = true });

    /// <summary>One step of dropping a purged generation: a few segments (with their index buckets), then a few tree buckets.</summary>
    private async Task DropBatchAsync(CancellationToken ct)
    {
        var current = state.State;
        if (current.Purges.IsEmpty)
        {
            StopDropping();
            return;
        }

        var purge = current.Purges[0];
        if (purge.NextSegment < purge.EndSegment)
        {
            var to = Math.Min(purge.EndSegment, purge.NextSegment + DropBatch);
            var dropped = await Task.WhenAll(Range(purge.NextSegment, to).Select(n => Segment(purge.Generation, n).DropAsync()));
            await Task.WhenAll(dropped.SelectMany(d => d).Select(e => RecordingKeys.Index(Tenant, purge.Generation, e.File.CallId))
                .Distinct(StringComparer.Ordinal).Select(k => IndexGrain(k).ClearAsync()));
            purge = purge with { NextSegment = to };
        }
        else
        {
            var to = Math.Min(purge.TreeBuckets, purge.NextBucket + ClearBatch);
            await Task.WhenAll(Enumerable.Range(purge.NextBucket, to - purge.NextBucket).Select(b => TreeGrain(purge.Generation, b).ClearAsync()));
            purge = purge with { NextBucket = to };
        }

        var purges = purge.NextSegment >= purge.EndSegment && purge.NextBucket >= purge.TreeBuckets
            ? current.Purges.RemoveAt(0)
            : current.Purges.SetItem(0, purge);
        if (purges.IsEmpty && !current.Touched)
        {
            // Every generation is gone and the current one holds nothing: the store forgets itself too.
            StopDropping();
            await state.ClearStateAsync(ct);
            state.State = new RecordingStoreState();
            DeactivateOnIdle();
            return;
        }

        await state.CommitAsync(current with { Purges = purges });
        if (purges.IsEmpty)
        {
            StopDropping();
        }
    }

    private void StopDropping()
    {
        _dropping?.Dispose();
        _dropping = null;
    }

    private IRecordingSegmentGrain Segment(long segment) => Segment(Generation, segment);

    private IRecordingSegmentGrain Segment(long generation, long segment) =>
        GrainFactory.Ref<IRecordingSegmentGrain>(RecordingKeys.Segment(Tenant, generation, segment));

    private IRecordingIndexGrain Index(string callId) => IndexGrain(RecordingKeys.Index(Tenant, Generation, callId));

    private IRecordingIndexGrain IndexGrain(string key) => GrainFactory.Ref<IRecordingIndexGrain>(key);

    private IRecordingTreeGrain Tree(string path) => TreeGrain(Generation, RecordingKeys.TreeBucketOf(path, TreeBuckets));

    private IRecordingTreeGrain TreeGrain(long generation, int bucket) =>
        GrainFactory.Ref<IRecordingTreeGrain>(RecordingKeys.Tree(Tenant, generation, bucket));

    [LoggerMessage(LogLevel.Warning, "Tenant {Tenant}'s recording store could not keep {Path}: storage refused a write.")]
    private partial void LogAddFailed(string tenant, string path, Exception error);

    [LoggerMessage(LogLevel.Information, "Tenant {Tenant}'s recording store moved {Files} files and {Folders} folders of an older build's state into segments.")]
    private partial void LogMigrated(string tenant, int files, int folders);
}

/// <summary>
/// A recording store's own state: the open segment and counters. Positions [<see cref="Oldest"/>, <see cref="Next"/>)
/// may hold files (deletes and the bound leave gaps); segment <c>Next / SegmentSize</c> is open, the earlier ones are
/// sealed. Generations before <see cref="Generation"/> were purged; <see cref="Purges"/> are still being dropped.
/// </summary>
[GenerateSerializer, Alias("pbx.recording-store-state")]
public sealed record class RecordingStoreState
{
    /// <summary>Files by path, as an older build kept them (all of them, written whole on every change); migrated on activation.</summary>
    [Id(0)] public ImmutableDictionary<string, RecordingFile> Files { get; init; } = ImmutableDictionary<string, RecordingFile>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>Folders created beyond the skeleton, as an older build kept them; migrated on activation.</summary>
    [Id(1)] public ImmutableHashSet<string> Folders { get; init; } = ImmutableHashSet<string>.Empty.WithComparer(StringComparer.Ordinal);

    [Id(2)] public long Generation { get; init; }

    /// <summary>Files per segment, fixed at the store's first write (0: not yet).</summary>
    [Id(3)] public int SegmentSize { get; init; }

    /// <summary>Buckets of the tree, fixed at the store's first write (0: not yet).</summary>
    [Id(4)] public int TreeBuckets { get; init; }

    /// <summary>The position of the next file.</summary>
    [Id(5)] public long Next { get; init; }

    /// <summary>Positions below this hold no file any more.</summary>
    [Id(6)] public long Oldest { get; init; }

    /// <summary>How many files the store keeps.</summary>
    [Id(7)] public long Kept { get; init; }

    /// <summary>The open segment's files, in position order.</summary>
    [Id(8)] public ImmutableArray<RecordingEntry> OpenFiles { get; init; } = [];

    [Id(9)] public ImmutableArray<RecordingPurge> Purges { get; init; } = [];

    /// <summary>Whether this generation has written anything (a file or a folder), so a purge has something to drop.</summary>
    [Id(10)] public bool Touched { get; init; }
}

/// <summary>A purged generation being dropped: its segments [<see cref="NextSegment"/>, <see cref="EndSegment"/>), then its tree buckets.</summary>
[GenerateSerializer, Alias("pbx.recording-purge")]
public sealed record class RecordingPurge
{
    [Id(0)] public long Generation { get; init; }

    [Id(1)] public int TreeBuckets { get; init; }

    [Id(2)] public long NextSegment { get; init; }

    [Id(3)] public long EndSegment { get; init; }

    [Id(4)] public int NextBucket { get; init; }
}
