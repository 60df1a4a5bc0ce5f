using PbxGrains.Grains.Recordings;

namespace PbxGrains.Tests.Unit;

/// <summary>Where a recording store keeps a call's index entries and a path's tree entry.</summary>
public sealed class RecordingKeysTests
{
    [Fact]
    public void The_calls_of_one_run_of_sequence_numbers_share_an_index_bucket_whatever_their_epoch()
    {
        Assert.Equal(41, RecordingKeys.SequenceOf("1700000000.41"));
        Assert.Null(RecordingKeys.SequenceOf("no-sequence"));
        Assert.Null(RecordingKeys.SequenceOf("1700000000."));

        Assert.Equal(RecordingKeys.Index("t", 0, "1700000000.41"), RecordingKeys.Index("t", 0, "1700999999.63"));
        Assert.Equal(RecordingKeys.Index("t", 0, "1700000000.41"), RecordingKeys.IndexOfSequence("t", 0, 41));
        Assert.NotEqual(RecordingKeys.Index("t", 0, "1700000000.41"), RecordingKeys.Index("t", 0, "1700000000.64"));
        Assert.NotEqual(RecordingKeys.Index("t", 0, "1700000000.41"), RecordingKeys.Index("t", 1, "1700000000.41"));
        Assert.NotEqual(RecordingKeys.Index("t", 0, "1700000000.41"), RecordingKeys.Index("u", 0, "1700000000.41"));
        Assert.StartsWith("t/0/h", RecordingKeys.Index("t", 0, "trunk-call"));
    }

    [Fact]
    public void A_path_always_hashes_to_the_same_tree_bucket_and_the_keys_belong_to_the_tenant()
    {
        var bucket = RecordingKeys.TreeBucketOf("/var/spool/asterisk/monitor/a.wav", 16);
        Assert.InRange(bucket, 0, 15);
        Assert.Equal(bucket, RecordingKeys.TreeBucketOf("/var/spool/asterisk/monitor/a.wav", 16));
        Assert.Equal("t/2/5", RecordingKeys.Tree("t", 2, 5));
        Assert.Equal("t/2/17", RecordingKeys.Segment("t", 2, 17));
    }
}
