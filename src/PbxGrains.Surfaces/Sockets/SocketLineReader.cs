using System.Net.Sockets;
using System.Text;

namespace PbxGrains.Surfaces.Sockets;

/// <summary>
/// Cuts what a consumer sends into lines (ending with LF; a CR before it is dropped), at most a number of bytes each.
/// A longer line is dropped whole, as Asterisk's manager does with a line that overflows its buffer, so a client cannot
/// make the server hold an unbounded line.
/// </summary>
public static class SocketLineReader
{
    /// <summary>
    /// Reads lines until the consumer closes, <paramref name="onLine"/> answers false, or the token fires.
    /// <paramref name="onTooLong"/> is told of each line that was dropped.
    /// </summary>
    public static async Task ReadLinesAsync(NetworkStream stream, int maxLineBytes, Func<string, ValueTask<bool>> onLine, Action? onTooLong, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        var line = new byte[maxLineBytes];
        var length = 0;
        var tooLong = false;
        while (true)
        {
            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                return;
            }

            for (var i = 0; i < read; i++)
            {
                if (buffer[i] != (byte)'\n')
                {
                    if (length < maxLineBytes)
                    {
                        line[length++] = buffer[i];
                    }
                    else
                    {
                        tooLong = true;
                    }

                    continue;
                }

                if (tooLong)
                {
                    onTooLong?.Invoke();
                }
                else
                {
                    var end = length > 0 && line[length - 1] == (byte)'\r' ? length - 1 : length;
                    if (!await onLine(Encoding.UTF8.GetString(line, 0, end)))
                    {
                        return;
                    }
                }

                length = 0;
                tooLong = false;
            }
        }
    }
}
