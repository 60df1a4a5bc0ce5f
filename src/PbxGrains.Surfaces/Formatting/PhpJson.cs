using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PbxGrains.Surfaces.Formatting;

/// <summary>
/// JSON as PHP's <c>json_encode</c> writes it (the real server is PHP): compact, slashes escaped (<c>SIP\/1000</c>),
/// every non-ASCII character as a lower-case <c>\uXXXX</c> escape, and HTML characters left alone. Clients that compare
/// bytes (or parse with a strict reader) see what a PHP server sends (Issabel, VoipCenter).
/// </summary>
public static class PhpJson
{
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Serialize(JsonNode node)
    {
        var relaxed = node.ToJsonString(Relaxed);
        var php = new StringBuilder(relaxed.Length + 16);
        foreach (var c in relaxed)
        {
            // '/' appears in JSON text only inside strings, so escaping it everywhere is escaping it in strings.
            if (c == '/')
            {
                php.Append("\\/");
            }
            else if (c > 0x7F)
            {
                php.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                php.Append(c);
            }
        }

        return php.ToString();
    }
}
