using System.Collections.Immutable;
using System.Globalization;

namespace PbxGrains.Abstractions.Contracts;

/// <summary>
/// Where one shard's CDR log of a day stands. Record positions count from the day's first record: position p is in
/// segment p / <see cref="SegmentSize"/>. Segments before <see cref="FirstKept"/> were dropped by retention; segments
/// from it up to <see cref="Open"/> are sealed and full; <see cref="OpenRecords"/> are the open segment's.
/// </summary>
[GenerateSerializer, Immutable, Alias("pbx.cdr-log-view")]
public sealed record class CdrLogView
{
    [Id(0)] public int SegmentSize { get; init; }

    [Id(1)] public long FirstKept { get; init; }

    [Id(2)] public long Open { get; init; }

    [Id(3)] public ImmutableArray<CdrRecord> OpenRecords { get; init; } = [];

    /// <summary>Every record ever appended to the shard's day (dropped ones included).</summary>
    [Id(4)] public long Appended { get; init; }

    /// <summary>The records the shard keeps now.</summary>
    public long Kept => (Open - FirstKept) * SegmentSize + OpenRecords.Length;

    /// <summary>The position after the shard's newest record.</summary>
    public long End => Open * SegmentSize + OpenRecords.Length;

    public long Start => FirstKept * SegmentSize;
}

/// <summary>Where a call's CDR is: its day's shard (from the unique id) and the segment of that shard's log.</summary>
[GenerateSerializer, Immutable, Alias("pbx.cdr-index-entry")]
public sealed record class CdrIndexEntry
{
    [Id(0)] public long Sequence { get; init; }

    [Id(1)] public required string UniqueId { get; init; }

    [Id(2)] public long Segment { get; init; }
}

/// <summary>A page of a day's CDRs in the order they were written, and the cursor of the next page (null at the end).</summary>
public sealed record class CdrPage(ImmutableArray<CdrRecord> Records, CdrCursor? Next);

/// <summary>A tenant-day's CDR counts: those kept and those ever written (retention drops the difference).</summary>
[GenerateSerializer, Immutable, Alias("pbx.cdr-day-count")]
public sealed record class CdrDayCount
{
    [Id(0)] public DateOnly Day { get; init; }

    [Id(1)] public long Stored { get; init; }

    [Id(2)] public long Appended { get; init; }
}

/// <summary>
/// A reader's place in a day's CDRs: one record position per shard (text form <c>p0.p1.p2.p3</c>, for a URL).
/// </summary>
public sealed record class CdrCursor(ImmutableArray<long> Positions)
{
    public override string ToString() => string.Join('.', Positions.Select(p => p.ToString(CultureInfo.InvariantCulture)));

    public static CdrCursor? TryParse(string? text, int shards)
    {
        var parts = text?.Split('.') ?? [];
        if (parts.Length != shards)
        {
            return null;
        }

        var positions = ImmutableArray.CreateBuilder<long>(shards);
        foreach (var part in parts)
        {
            if (!long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var p))
            {
                return null;
            }

            positions.Add(p);
        }

        return new CdrCursor(positions.MoveToImmutable());
    }

    public bool Equals(CdrCursor? other) => other is not null && Positions.SequenceEqual(other.Positions);

    public override int GetHashCode() => Positions.Aggregate(17, (h, p) => h * 31 + p.GetHashCode());
}
