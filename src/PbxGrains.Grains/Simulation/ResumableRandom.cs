using System.Collections.Immutable;

namespace PbxGrains.Grains.Simulation;

/// <summary>
/// A seeded generator whose position can be saved and resumed elsewhere: a call that moves to another silo must go on
/// drawing the numbers it would have drawn where it was. <see cref="Random"/> seeded with a number keeps its position in
/// private fields, so it cannot be carried; this is the same generator (Knuth's subtractive method, as .NET's seeded
/// <see cref="Random"/> implements it), so for the same seed it draws exactly what <c>new Random(seed)</c> draws and
/// every seeded sample path stays as it was (<c>ResumableRandomTests</c> compares the two).
/// <para>
/// Derives from <see cref="Random"/> so that the rules that draw (the call flow, the samplers) are unchanged; every
/// virtual member is overridden, so the base class's own generator is never used.
/// </para>
/// </summary>
public sealed class ResumableRandom : Random
{
    private const int Size = 56;
    private const int Mseed = 161803398;

    private readonly int[] _seeds;
    private int _next;
    private int _nextP;

    public ResumableRandom(int seed)
        // The base's own generator is never drawn from; a fixed seed keeps its construction cheap and deterministic.
        : base(0)
    {
        _seeds = new int[Size];
        var subtraction = seed == int.MinValue ? int.MaxValue : Math.Abs(seed);
        var mj = Mseed - subtraction;
        _seeds[55] = mj;
        var mk = 1;
        var ii = 0;
        for (var i = 1; i < 55; i++)
        {
            if ((ii += 21) >= 55)
            {
                ii -= 55;
            }

            _seeds[ii] = mk;
            mk = mj - mk;
            if (mk < 0)
            {
                mk += int.MaxValue;
            }

            mj = _seeds[ii];
        }

        for (var k = 1; k < 5; k++)
        {
            for (var i = 1; i < Size; i++)
            {
                var n = i + 30;
                if (n >= 55)
                {
                    n -= 55;
                }

                _seeds[i] -= _seeds[1 + n];
                if (_seeds[i] < 0)
                {
                    _seeds[i] += int.MaxValue;
                }
            }
        }

        _next = 0;
        _nextP = 21;
    }

    private ResumableRandom(RandomPosition position)
        : base(0)
    {
        if (position.Table.Length != Size || position.Next is < 0 or >= Size || position.NextP is < 0 or >= Size)
        {
            throw new ArgumentException("not a position of this generator", nameof(position));
        }

        _seeds = [.. position.Table];
        _next = position.Next;
        _nextP = position.NextP;
    }

    /// <summary>Where the generator is: what <see cref="Resume"/> needs to go on with the same draws.</summary>
    public RandomPosition Position => new([.. _seeds], _next, _nextP);

    public static ResumableRandom Resume(RandomPosition position) => new(position);

    public override int Next() => InternalSample();

    public override int Next(int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return (int)(Sample() * maxValue);
    }

    public override int Next(int minValue, int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        var range = (long)maxValue - minValue;
        return range <= int.MaxValue
            ? (int)(Sample() * range) + minValue
            : (int)((long)(SampleForLargeRange() * range) + minValue);
    }

    public override long NextInt64() => NextInt64(0, long.MaxValue);

    public override long NextInt64(long maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return NextInt64(0, maxValue);
    }

    public override long NextInt64(long minValue, long maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);

        // Three 31-bit draws make 64 bits; rejection keeps the result uniform over the range.
        var range = (ulong)(maxValue - minValue);
        if (range <= 1)
        {
            return minValue;
        }

        var usable = ulong.MaxValue - (ulong.MaxValue % range);
        ulong draw;
        do
        {
            draw = ((ulong)(uint)InternalSample() << 62) ^ ((ulong)(uint)InternalSample() << 31) ^ (uint)InternalSample();
        }
        while (draw >= usable);

        return minValue + (long)(draw % range);
    }

    public override double NextDouble() => Sample();

    public override float NextSingle() => (float)Sample();

    public override void NextBytes(byte[] buffer) => NextBytes(buffer.AsSpan());

    public override void NextBytes(Span<byte> buffer)
    {
        for (var i = 0; i < buffer.Length; i++)
        {
            buffer[i] = (byte)InternalSample();
        }
    }

    protected override double Sample() => InternalSample() * (1.0 / int.MaxValue);

    private int InternalSample()
    {
        var next = _next + 1 >= Size ? 1 : _next + 1;
        var nextP = _nextP + 1 >= Size ? 1 : _nextP + 1;
        var value = _seeds[next] - _seeds[nextP];
        if (value == int.MaxValue)
        {
            value--;
        }

        if (value < 0)
        {
            value += int.MaxValue;
        }

        _seeds[next] = value;
        _next = next;
        _nextP = nextP;
        return value;
    }

    private double SampleForLargeRange()
    {
        var result = InternalSample();
        if (InternalSample() % 2 == 0)
        {
            result = -result;
        }

        double d = result;
        d += int.MaxValue - 1;
        d /= 2.0 * int.MaxValue - 1;
        return d;
    }
}

/// <summary>The position of a <see cref="ResumableRandom"/>: its table and its two indices.</summary>
[GenerateSerializer, Immutable, Alias("pbx.random-position")]
public sealed record class RandomPosition(
    [property: Id(0)] ImmutableArray<int> Table,
    [property: Id(1)] int Next,
    [property: Id(2)] int NextP);
