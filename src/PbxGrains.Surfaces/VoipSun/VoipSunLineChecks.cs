using PbxGrains.Abstractions.Contracts;

namespace PbxGrains.Surfaces.VoipSun;

/// <summary>originate's optional checks of the source line, made before it is rung.</summary>
public static class VoipSunLineChecks
{
    /// <summary>What <c>sip show peer</c> prints for the address of a peer that has not registered.</summary>
    public const string Unspecified = "(Unspecified)";

    public static VoipSunAnswer? Check(VoipSunRequest request, ExtensionView line)
    {
        var device = line.Config.Device;
        if (request.Optional("checkIpHost") is { } host)
        {
            var from = line.Registration?.Host ?? Unspecified;
            if (from != host)
            {
                return VoipSunAnswer.Error(210, VoipSunErrors.HostMismatch(device, from, host));
            }
        }

        if (request.Optional("checkIpContact") is { } contact)
        {
            var contactIp = ContactHost(line.Registration?.Contact) ?? Unspecified;
            if (contactIp != contact)
            {
                return VoipSunAnswer.Error(211, VoipSunErrors.ContactMismatch(device, contactIp, contact));
            }
        }

        if (request.Has("checkExten"))
        {
            if (!line.Registered)
            {
                return VoipSunAnswer.Error(220, VoipSunErrors.ChannelUnreachable);
            }

            // A line with a channel is not free, whatever its state: the state is the answer's reason.
            if (line.Channels.FirstOrDefault(c => !c.IsHungUp) is { } channel)
            {
                var (code, reason) = VoipSunErrors.ChannelStatus((int)channel.State);
                return VoipSunAnswer.Error(code, reason);
            }
        }

        return null;
    }

    /// <summary>The host of a SIP contact URI: <c>sip:101a@10.0.0.5:5096;line=c59</c> → <c>10.0.0.5</c>; null without one.</summary>
    public static string? ContactHost(string? contact)
    {
        if (string.IsNullOrEmpty(contact))
        {
            return null;
        }

        var rest = contact.Trim('<', '>');
        var colon = rest.IndexOf(':');
        if (colon >= 0 && rest[..colon].ToLowerInvariant() is "sip" or "sips")
        {
            rest = rest[(colon + 1)..];
        }

        var at = rest.LastIndexOf('@');
        rest = at >= 0 ? rest[(at + 1)..] : rest;
        var end = rest.IndexOfAny([';', '?', '>']);
        rest = end >= 0 ? rest[..end] : rest;
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']');
            return close > 0 ? rest[1..close] : rest;
        }

        var port = rest.IndexOf(':');
        return port >= 0 ? rest[..port] : rest;
    }
}
