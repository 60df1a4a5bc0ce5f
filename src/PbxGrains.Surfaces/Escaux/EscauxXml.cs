using System.Text;
using System.Xml.Linq;
using PbxGrains.Surfaces.Formatting;

namespace PbxGrains.Surfaces.Escaux;

/// <summary>
/// Writes the API's XML: no declaration, no indentation, and empty elements written out as <c>&lt;x&gt;&lt;/x&gt;</c>, as
/// the document's examples show (only dbGetProfileParameters writes them short, <c>&lt;descr/&gt;</c>).
/// </summary>
public static class EscauxXml
{
    public static string Write(XElement root, bool shortEmptyElements = false)
    {
        var text = new StringBuilder();
        Append(text, root, shortEmptyElements);
        return text.ToString();
    }

    /// <summary>An element name from free text (a channel variable, a profile parameter): invalid characters become '_'.</summary>
    public static string Name(string text)
    {
        if (text.Length == 0)
        {
            return "_";
        }

        var name = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' ? c : '_');
        }

        return char.IsAsciiLetter(name[0]) || name[0] == '_' ? name.ToString() : "_" + name;
    }

    private static void Append(StringBuilder text, XElement element, bool shortEmpty)
    {
        var name = element.Name.LocalName;
        if (!element.HasElements)
        {
            if (element.Value.Length == 0 && shortEmpty)
            {
                text.Append('<').Append(name).Append("/>");
                return;
            }

            text.Append('<').Append(name).Append('>');
            Escape(text, element.Value);
            text.Append("</").Append(name).Append('>');
            return;
        }

        text.Append('<').Append(name).Append('>');
        foreach (var child in element.Elements())
        {
            Append(text, child, shortEmpty);
        }

        text.Append("</").Append(name).Append('>');
    }

    private static void Escape(StringBuilder text, string value)
    {
        foreach (var c in XmlText.Valid(value))
        {
            _ = c switch
            {
                '&' => text.Append("&amp;"),
                '<' => text.Append("&lt;"),
                '>' => text.Append("&gt;"),
                _ => text.Append(c),
            };
        }
    }
}
