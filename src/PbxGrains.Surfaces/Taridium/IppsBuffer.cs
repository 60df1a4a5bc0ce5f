using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace PbxGrains.Surfaces.Taridium;

/// <summary>
/// The UTF-8 body of an IPPS answer, written into arrays rented from the shared pool, so that rendering a poll
/// leaves no garbage behind however long the answer is. Dispose it (the result that sends it does) to give the
/// array back.
/// </summary>
public sealed class IppsBuffer : IDisposable
{
    private const int InitialSize = 1024;

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialSize);
    private int _length;

    public int Length => _length;

    public ReadOnlyMemory<byte> Written => _buffer.AsMemory(0, _length);

    /// <summary>Starts again, keeping the rented array (benchmarks render many answers into one buffer).</summary>
    public void Clear() => _length = 0;

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _length = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public void Comma() => Byte((byte)',');

    public void NewLine() => Byte((byte)'\n');

    public void Byte(byte value)
    {
        Ensure(1);
        _buffer[_length++] = value;
    }

    /// <summary>Literal ASCII text (keywords, error messages).</summary>
    public void Ascii(ReadOnlySpan<byte> text)
    {
        Ensure(text.Length);
        text.CopyTo(_buffer.AsSpan(_length));
        _length += text.Length;
    }

    /// <summary>
    /// A field value: written as it is, except that a comma or a line break, which would shift the columns or split
    /// the line, becomes a space (IPPS has no quoting, and its clients split on commas).
    /// </summary>
    public void Field(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return;
        }

        Ensure(Encoding.UTF8.GetMaxByteCount(value.Length));
        var start = _length;
        _length += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length));
        var written = _buffer.AsSpan(start, _length - start);
        if (written.IndexOfAny((byte)',', (byte)'\r', (byte)'\n') >= 0)
        {
            written.Replace((byte)',', (byte)' ');
            written.Replace((byte)'\r', (byte)' ');
            written.Replace((byte)'\n', (byte)' ');
        }
    }

    public void Number(long value)
    {
        Ensure(20);
        Utf8Formatter.TryFormat(value, _buffer.AsSpan(_length), out var written);
        _length += written;
    }

    /// <summary>hh:mm:ss on a 24-hour clock.</summary>
    public void TimeOfDay(DateTimeOffset at)
    {
        Ensure(8);
        var span = _buffer.AsSpan(_length, 8);
        TwoDigits(span, at.Hour);
        span[2] = (byte)':';
        TwoDigits(span[3..], at.Minute);
        span[5] = (byte)':';
        TwoDigits(span[6..], at.Second);
        _length += 8;
    }

    private static void TwoDigits(Span<byte> target, int value)
    {
        target[0] = (byte)('0' + (value / 10));
        target[1] = (byte)('0' + (value % 10));
    }

    private void Ensure(int more)
    {
        if (_length + more <= _buffer.Length)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + more));
        _buffer.AsSpan(0, _length).CopyTo(larger);
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = larger;
    }
}
