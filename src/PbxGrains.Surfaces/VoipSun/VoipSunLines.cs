using PbxGrains.Abstractions.Contracts;

namespace PbxGrains.Surfaces.VoipSun;

/// <summary>How a line was looked for, and what came of it.</summary>
public enum LineLookup
{
    Found,

    /// <summary>No selector was given.</summary>
    NoSelector,

    /// <summary>More than one selector was given.</summary>
    Conflict,

    /// <summary>Several lines have the internal number and no dialplan tells them apart.</summary>
    DialplanMissing,
    NotFound,
    DialplanNotFound,
}

/// <summary>
/// How one action answers a lookup that found no line, in its own codes (each action numbers its errors apart):
/// several selectors given, several lines with the number and no dialplan to choose, no such line, no such dialplan.
/// </summary>
public sealed record class LineRefusals((int Code, string Reason) Conflict, (int Code, string Reason) DialplanMissing,
    (int Code, string Reason) NotFound, (int Code, string Reason) DialplanNotFound)
{
    /// <summary>The answer to a lookup that found no line; null when it found one. No selector at all is a missing parameter.</summary>
    public VoipSunAnswer? For(LineLookup outcome) => outcome switch
    {
        LineLookup.Found => null,
        LineLookup.NoSelector => VoipSunAnswer.Error(120, VoipSunErrors.MissingParameters),
        LineLookup.Conflict => VoipSunAnswer.Error(Conflict.Code, Conflict.Reason),
        LineLookup.DialplanMissing => VoipSunAnswer.Error(DialplanMissing.Code, DialplanMissing.Reason),
        LineLookup.NotFound => VoipSunAnswer.Error(NotFound.Code, NotFound.Reason),
        _ => VoipSunAnswer.Error(DialplanNotFound.Code, DialplanNotFound.Reason),
    };
}

/// <summary>
/// Finds the line (extension) a request names by one of four selectors: public number, internal number (within a
/// dialplan when several dialplans have it), database id or SIP user name. The parameter names carry a prefix
/// (<c>src</c>, <c>dst</c>).
/// </summary>
public static class VoipSunLines
{
    public static (LineLookup Outcome, ExtensionConfig? Line) Find(VoipSunRequest request, string prefix, string dialplanParameter)
    {
        var publicNumber = request[$"{prefix}ExtenPublicNum"];
        var internalNumber = request[$"{prefix}ExtenInternalNum"];
        var id = request[$"{prefix}ExtenId"];
        var sipUser = request[$"{prefix}SipUsername"];
        var given = new[] { publicNumber, internalNumber, id, sipUser }.Count(v => v.Length > 0);
        if (given == 0)
        {
            return (LineLookup.NoSelector, null);
        }

        if (given > 1)
        {
            return (LineLookup.Conflict, null);
        }

        return Find(request.Directory, publicNumber, internalNumber, id, sipUser, request[dialplanParameter]);
    }

    public static (LineLookup Outcome, ExtensionConfig? Line) Find(
        VoipSunTenant tenant, string publicNumber, string internalNumber, string id, string sipUser, string dialplan)
    {
        ExtensionConfig? line;
        if (publicNumber.Length > 0)
        {
            var wanted = publicNumber.TrimStart('+');
            line = tenant.Lines.FirstOrDefault(l => l.PublicNumber is { Length: > 0 } p && p.TrimStart('+') == wanted);
        }
        else if (id.Length > 0)
        {
            line = int.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
                ? tenant.Lines.FirstOrDefault(l => l.DatabaseId == number)
                : null;
        }
        else if (sipUser.Length > 0)
        {
            line = tenant.Lines.FirstOrDefault(l => l.Peer == sipUser);
        }
        else
        {
            if (dialplan.Length > 0 && !tenant.Dialplans.Contains(dialplan))
            {
                return (LineLookup.DialplanNotFound, null);
            }

            var candidates = tenant.Lines.Where(l => tenant.InternalNumberOf(l) == internalNumber && (dialplan.Length == 0 || l.Dialplan == dialplan)).Take(2).ToList();
            if (candidates.Count > 1)
            {
                return (LineLookup.DialplanMissing, null);
            }

            line = candidates.FirstOrDefault();
        }

        return line is null ? (LineLookup.NotFound, null) : (LineLookup.Found, line);
    }
}
