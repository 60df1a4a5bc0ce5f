using System.Text;
using System.Xml;

namespace PbxGrains.Surfaces.Formatting;

/// <summary>
/// Text as XML 1.0 may hold it. A character XML cannot carry at all, escaped or not (a control character other than tab,
/// line feed and carriage return, a lone surrogate, U+FFFE/U+FFFF), is dropped: echoed from a request
/// (<c>pumLogin.php?ext=%00</c>) it made the whole answer not well-formed, which a client's parser refuses outright.
/// </summary>
public static class XmlText
{
    /// <summary>The text without the characters XML cannot carry (the same string when it has none).</summary>
    public static string Valid(string text)
    {
        var first = FirstInvalid(text);
        if (first < 0)
        {
            return text;
        }

        var valid = new StringBuilder(text.Length).Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                valid.Append(text[i]).Append(text[++i]);
            }
            else if (XmlConvert.IsXmlChar(text[i]))
            {
                valid.Append(text[i]);
            }
        }

        return valid.ToString();
    }

    private static int FirstInvalid(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (!XmlConvert.IsXmlChar(text[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
