using Microsoft.AspNetCore.Http;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Surfaces.VoipCenter;

public static partial class VoipCenterApi
{
    /// <summary>
    /// Rings the SIP account first; when it answers, the call model dials <c>telnr</c> (as the document says). A SIP
    /// account that does not exist is body error 20; one that cannot be rung (not registered, busy) or a number that
    /// cannot be dialled is 21. The answer comes once the first leg rings: what happens later shows in the call model.
    /// </summary>
    private static async Task<VoipCenterAnswer> CallNumberAsync(VoipCenterRequest request)
    {
        if (Dialled(request["telnr"], request.Settings.OutsidePrefix) is not { } destination)
        {
            return request.HeadError(VoipCenterErrors.ParamNotCorrect);
        }

        var pbx = request.Services.Pbx;
        var source = await pbx.Tenant(request.Tenant).FindExtensionAsync(ExtensionLookup.SipUser, request["sipacc"]);
        if (source is null)
        {
            return request.BodyError(VoipCenterErrors.CallAuthFailed);
        }

        var result = await pbx.OriginateAsync(request.Tenant, new OriginateRequest
        {
            SourceExtension = source,
            Destination = destination,
            RequireSourceAvailable = true,
        });
        return result.Error switch
        {
            DomainError.None => request.Ok(),
            DomainError.TenantNotFound => request.BodyError(VoipCenterErrors.CouldNotConnect),
            DomainError.ExtensionNotFound => request.BodyError(VoipCenterErrors.CallAuthFailed),
            _ => request.BodyError(VoipCenterErrors.CallLegFailed),
        };
    }

    /// <summary>
    /// The number to dial for <c>telnr</c>: Belgian national (0 and 8–9 more digits: 093456789, 0471234567) as it is, or
    /// international E.164 without '+' (3293456789, 31209988776; a leading '+' or '00' is accepted) as +digits; behind
    /// the tenant's outside prefix. Null when it is neither.
    /// </summary>
    public static string? Dialled(string telnr, string outsidePrefix)
    {
        var digits = telnr.Trim();
        if (digits.StartsWith('+'))
        {
            digits = digits[1..];
        }
        else if (digits.StartsWith("00", StringComparison.Ordinal))
        {
            digits = digits[2..];
        }
        else if (digits.StartsWith('0'))
        {
            return digits.Length is 9 or 10 && digits[1] != '0' && digits.All(char.IsAsciiDigit) ? outsidePrefix + digits : null;
        }

        return digits.Length is >= 8 and <= 15 && digits[0] != '0' && digits.All(char.IsAsciiDigit) ? outsidePrefix + "+" + digits : null;
    }
}
