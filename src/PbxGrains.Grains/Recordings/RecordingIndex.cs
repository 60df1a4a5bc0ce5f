using System.Globalization;
using PbxGrains.Abstractions.Contracts;

namespace PbxGrains.Grains.Recordings;

/// <summary>
/// The recording store's lookups, kept in memory beside its state and rebuilt from it on activation (never stored):
/// the path of each recording by (call, recorded-as), the recordings of each call, the calls of each unique-id sequence
/// number, and the recordings from oldest to newest for eviction. Adds, removals and lookups cost no scan of the files.
/// </summary>
public sealed class RecordingIndex
{
    private readonly Dictionary<RecordingKey, string> _paths = [];
    private readonly Dictionary<string, HashSet<string>> _byCall = new(StringComparer.Ordinal);
    private readonly Dictionary<long, HashSet<string>> _bySequence = [];
    private readonly SortedSet<(DateTimeOffset Created, RecordingKey Key)> _byAge = new(AgeOrder.Instance);

    public int Count => _paths.Count;

    public static RecordingIndex Build(IEnumerable<RecordingFile> files)
    {
        var index = new RecordingIndex();
        foreach (var file in files)
        {
            index.Add(file);
        }

        return index;
    }

    /// <summary>The sequence number of a unique id (<c>&lt;epoch&gt;.&lt;sequence&gt;</c>), or null for another form.</summary>
    public static long? SequenceOf(string callId)
    {
        var dot = callId.LastIndexOf('.');
        return dot >= 0 && long.TryParse(callId.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) ? sequence : null;
    }

    public string? PathOf(string callId, string recordedAs) => _paths.GetValueOrDefault(new RecordingKey(callId, recordedAs));

    public IEnumerable<string> PathsOfCall(string callId) =>
        _byCall.TryGetValue(callId, out var recordedAs) ? recordedAs.Select(r => _paths[new RecordingKey(callId, r)]) : [];

    public IEnumerable<string> CallsWithSequence(long sequence) => _bySequence.TryGetValue(sequence, out var calls) ? calls : [];

    /// <summary>The paths of the <paramref name="count"/> oldest recordings, oldest first.</summary>
    public IEnumerable<string> Oldest(int count) => _byAge.Take(count).Select(a => _paths[a.Key]);

    public void Add(RecordingFile file)
    {
        var key = new RecordingKey(file.CallId, file.RecordedAs);
        _paths[key] = file.Path;
        _byAge.Add((file.Created, key));
        Set(_byCall, file.CallId).Add(file.RecordedAs);
        if (SequenceOf(file.CallId) is { } sequence)
        {
            Set(_bySequence, sequence).Add(file.CallId);
        }
    }

    public void Remove(RecordingFile file)
    {
        var key = new RecordingKey(file.CallId, file.RecordedAs);
        if (!_paths.Remove(key))
        {
            return;
        }

        _byAge.Remove((file.Created, key));
        if (_byCall.TryGetValue(file.CallId, out var recordedAs) && recordedAs.Remove(file.RecordedAs) && recordedAs.Count == 0)
        {
            _byCall.Remove(file.CallId);
            if (SequenceOf(file.CallId) is { } sequence && _bySequence.TryGetValue(sequence, out var calls) && calls.Remove(file.CallId) && calls.Count == 0)
            {
                _bySequence.Remove(sequence);
            }
        }
    }

    /// <summary>A move keeps the call, the recorded-as name and the creation time; only the path changes.</summary>
    public void Move(RecordingFile moved) => _paths[new RecordingKey(moved.CallId, moved.RecordedAs)] = moved.Path;

    private static HashSet<string> Set<TKey>(Dictionary<TKey, HashSet<string>> sets, TKey key)
        where TKey : notnull
    {
        if (!sets.TryGetValue(key, out var set))
        {
            set = new HashSet<string>(StringComparer.Ordinal);
            sets[key] = set;
        }

        return set;
    }

    private readonly record struct RecordingKey(string CallId, string RecordedAs);

    private sealed class AgeOrder : IComparer<(DateTimeOffset Created, RecordingKey Key)>
    {
        public static readonly AgeOrder Instance = new();

        public int Compare((DateTimeOffset Created, RecordingKey Key) x, (DateTimeOffset Created, RecordingKey Key) y)
        {
            var byTime = x.Created.CompareTo(y.Created);
            if (byTime != 0)
            {
                return byTime;
            }

            var byCall = string.CompareOrdinal(x.Key.CallId, y.Key.CallId);
            return byCall != 0 ? byCall : string.CompareOrdinal(x.Key.RecordedAs, y.Key.RecordedAs);
        }
    }
}
