namespace PbxGrains.Surfaces.Ami;

/// <summary>What a client writes for a phone (<c>SIP/100</c>, <c>PJSIP/100</c>, <c>Local/100@from-internal/n</c>) and the extension it means.</summary>
public static class AmiChannelNames
{
    /// <summary>The extension of a dial string or interface: after the technology, before <c>@</c>, <c>-</c>, <c>/</c> or <c>,</c>.</summary>
    public static string? ExtensionOf(string dialString)
    {
        var text = dialString.Trim();
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return text.Length > 0 ? text : null;
        }

        var rest = text[(slash + 1)..];
        var end = rest.IndexOfAny(['@', '-', '/', ',', ';']);
        var extension = end < 0 ? rest : rest[..end];
        return extension.Length > 0 ? extension : null;
    }

    /// <summary><c>"Name" &lt;number&gt;</c>, <c>Name &lt;number&gt;</c> or a bare number, as Asterisk's <c>ast_callerid_parse</c> reads a CallerID header.</summary>
    public static (string? Name, string? Number) CallerIdOf(string callerId)
    {
        var text = callerId.Trim();
        if (text.Length == 0)
        {
            return (null, null);
        }

        var open = text.LastIndexOf('<');
        var close = text.LastIndexOf('>');
        if (open >= 0 && close > open)
        {
            var name = text[..open].Trim().Trim('"').Trim();
            var number = text[(open + 1)..close].Trim();
            return (name.Length > 0 ? name : null, number.Length > 0 ? number : null);
        }

        return text.All(c => char.IsAsciiDigit(c) || c is '+' or '*' or '#') ? (null, text) : (text.Trim('"'), null);
    }
}
