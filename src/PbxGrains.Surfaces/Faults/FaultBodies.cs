using PbxGrains.Abstractions.Contracts;

namespace PbxGrains.Surfaces.Faults;

/// <summary>How a fault spoils an answer the surface's handler wrote.</summary>
public static class FaultBodies
{
    /// <summary>How often a slow body writes its next piece.</summary>
    public static readonly TimeSpan SlowBodyTick = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The first half of the answer: JSON, XML and PHP's serialisation all break when cut (an object or element left
    /// open); an answer of one byte or none becomes a lone <c>{</c>, which no format accepts either.
    /// </summary>
    public static ReadOnlyMemory<byte> Truncated(ReadOnlyMemory<byte> body) =>
        body.Length > 1 ? body[..(body.Length / 2)] : "{"u8.ToArray();

    /// <summary>Writes the answer at the rule's bytes per second, a piece every <see cref="SlowBodyTick"/>.</summary>
    public static async ValueTask DribbleAsync(ReadOnlyMemory<byte> body, Stream stream, FaultRule rule)
    {
        var piece = Math.Max(1, (int)(rule.BytesPerSecond * SlowBodyTick.TotalSeconds));
        for (var at = 0; at < body.Length; at += piece)
        {
            if (at > 0)
            {
                await Task.Delay(SlowBodyTick);
            }

            await stream.WriteAsync(body.Slice(at, Math.Min(piece, body.Length - at)));
            await stream.FlushAsync();
        }
    }
}
