using PbxGrains.Abstractions.Contracts;
using PbxGrains.Grains.Recordings;

namespace PbxGrains.Tests.Unit;

/// <summary>The recording store's in-memory index: lookups without scans, and the oldest files first for eviction.</summary>
public sealed class RecordingIndexTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    private static RecordingFile File(string callId, string name, int minute, string folder = RecordingPaths.DefaultFolder) => new()
    {
        CallId = callId, Folder = folder, Name = name, RecordedAs = name, Created = T0.AddMinutes(minute),
    };

    [Fact]
    public void Lookups_find_a_recording_by_call_by_recorded_name_and_by_sequence_number()
    {
        var a = File("1700000000.41", "a.wav", 0);
        var b = File("1700000000.41", "b.wav", 1);
        var c = File("1700000500.42", "c.wav", 2);
        var index = RecordingIndex.Build([a, b, c]);

        Assert.Equal(a.Path, index.PathOf("1700000000.41", "a.wav"));
        Assert.Null(index.PathOf("1700000000.41", "c.wav"));
        Assert.Equal([a.Path, b.Path], index.PathsOfCall("1700000000.41").Order(StringComparer.Ordinal));
        Assert.Equal(["1700000500.42"], index.CallsWithSequence(42));
        Assert.Empty(index.CallsWithSequence(4));
        Assert.Null(RecordingIndex.SequenceOf("no-sequence"));
    }

    [Fact]
    public void The_oldest_recordings_come_first_and_removed_or_moved_ones_are_tracked()
    {
        var newest = File("1700000000.3", "newest.wav", 30);
        var oldest = File("1700000000.1", "oldest.wav", 10);
        var middle = File("1700000000.2", "middle.wav", 20);
        var index = RecordingIndex.Build([newest, oldest, middle]);
        Assert.Equal([oldest.Path, middle.Path], index.Oldest(2));
        Assert.Empty(index.Oldest(0));
        Assert.Empty(index.Oldest(-1));

        var moved = oldest with { Folder = "/tmp", Name = "kept.wav" };
        index.Move(moved);
        Assert.Equal(["/tmp/kept.wav"], index.Oldest(1));

        index.Remove(moved);
        Assert.Equal(2, index.Count);
        Assert.Empty(index.CallsWithSequence(1));
        Assert.Empty(index.PathsOfCall(moved.CallId));
        Assert.Equal([middle.Path], index.Oldest(1));
    }
}
