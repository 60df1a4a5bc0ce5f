using System.Globalization;
using System.Text;

namespace PbxGrains.Surfaces.Formatting;

/// <summary>
/// PHP's <c>serialize()</c> of a <see cref="PhpArray"/>, byte for byte: <c>a:N:{…}</c>, string lengths in UTF-8 bytes,
/// and keys that PHP would store as integers (canonical decimal strings such as "7") written as <c>i:7;</c>.
/// </summary>
public static class PhpSerializer
{
    public static byte[] Serialize(PhpArray array)
    {
        var text = new StringBuilder();
        Write(text, array);
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static void Write(StringBuilder text, PhpArray array)
    {
        text.Append("a:").Append(array.Count.ToString(CultureInfo.InvariantCulture)).Append(":{");
        foreach (var (key, value) in array)
        {
            if (IsIntegerKey(key))
            {
                text.Append("i:").Append(key).Append(';');
            }
            else
            {
                WriteString(text, key);
            }

            if (value is PhpArray inner)
            {
                Write(text, inner);
            }
            else
            {
                WriteString(text, (string)value);
            }
        }

        text.Append('}');
    }

    private static void WriteString(StringBuilder text, string value) =>
        text.Append("s:").Append(Encoding.UTF8.GetByteCount(value).ToString(CultureInfo.InvariantCulture)).Append(":\"").Append(value).Append("\";");

    /// <summary>PHP turns a key that is a canonical decimal integer ("0", "-3", not "03" or "+3") into an integer key.</summary>
    private static bool IsIntegerKey(string key) =>
        long.TryParse(key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) &&
        n.ToString(CultureInfo.InvariantCulture) == key;
}
