using PbxGrains.Abstractions.Contracts;

namespace PbxGrains.Grains.Directory;

/// <summary>What makes an extension's configuration valid; each message names the field.</summary>
public static class ExtensionRules
{
    private static readonly string[] Techs = ["SIP", "PJSIP", "IAX2", "DAHDI", "Local"];

    public static string? Validate(ExtensionConfig config)
    {
        if (!IsDialable(config.Number))
        {
            return "number: must be 1 to 20 digits, '*' or '#'";
        }

        if (!Techs.Contains(config.Tech, StringComparer.Ordinal))
        {
            return $"tech: must be one of {string.Join(", ", Techs)}";
        }

        if (config.SipUser is { } user && (user.Length == 0 || user.Length > 64 || user.Any(c => c is '/' or '-' or ' ' or ',' || char.IsControl(c))))
        {
            return "sipUser: must be 1 to 64 characters without '/', '-', ',' or spaces";
        }

        if (config.PublicNumber is { } did && !IsDialable(did.TrimStart('+')))
        {
            return "publicNumber: must be a number";
        }

        if (config.RingTimerSeconds is < 1 or > 600)
        {
            return "ringTimer: must be between 1 and 600 seconds";
        }

        if (config.Phone.Validate() is { } phone)
        {
            return $"phone.{phone}";
        }

        return null;
    }

    /// <summary>What makes a registration usable; the message names the field.</summary>
    public static string? ValidateRegistration(Registration registration)
    {
        if (string.IsNullOrWhiteSpace(registration.Host))
        {
            return "host: a registration needs a host";
        }

        return registration.Port is < 1 or > 65535 ? "port: must be between 1 and 65535" : null;
    }

    public static bool IsDialable(string? number) =>
        !string.IsNullOrEmpty(number) && number.Length <= 20 && number.All(c => char.IsAsciiDigit(c) || c is '*' or '#');
}
