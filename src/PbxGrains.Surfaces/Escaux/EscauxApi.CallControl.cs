using System.Collections.Immutable;
using System.Xml.Linq;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Surfaces.Escaux;

/// <summary>Call control: ccOriginate, ccHangup, ccRedirect, ccHold, ccPark and ccJoinPark. Each answers 0 on success, 1 on error.</summary>
public static partial class EscauxApi
{
    /// <summary>"Values are limited to max 59 printable characters in the ranges [0-9], [A-Z] or [a-z]."</summary>
    private const int MaxVariableValue = 59;

    public static async Task<EscauxAnswer> OriginateAsync(EscauxRequest request) =>
        EscauxAnswer.Result("ccOriginateResult", await OriginateCodeAsync(request));

    private static async Task<int> OriginateCodeAsync(EscauxRequest request)
    {
        var phone = request.Text("phone_id");
        var to = request.Text("to");
        var technology = request.Text("technology");
        var variables = Variables(request.Get("var"));
        if (phone is null || to is null || variables is null)
        {
            return 1;
        }

        var local = string.Equals(technology, "Local", StringComparison.OrdinalIgnoreCase);
        if (technology is not null && !local && !string.Equals(technology, "IAX", StringComparison.OrdinalIgnoreCase) && !string.Equals(technology, "SIP", StringComparison.OrdinalIgnoreCase))
        {
            return 1;
        }

        // A phone resource rings its own line; with Local, phone_id is a number: the extension it names.
        var source = local ? await EscauxData.ExtensionAsync(request, phone) : await EscauxData.PhoneOwnerAsync(request, phone);
        var presented = await EscauxData.ExtensionAsync(request, request.Text("ext"));
        if (source is null || (local && presented is null) || (request.Text("ext") is not null && (presented is null || presented.Config.DeviceIds.IsEmpty)))
        {
            return 1;
        }

        var originate = await request.Pbx.OriginateAsync(request.Tenant, new OriginateRequest
        {
            SourceExtension = source.Config.Number,
            Destination = to,
            DestinationCallerIdNumber = presented?.Config.OutboundCallerIdNumber,
            DestinationCallerIdName = presented?.Config.CallerIdName,
            Context = source.Config.Dialplan,
            Variables = variables,
        });

        // local_optimization changes nothing in a model without media.
        if (!originate.IsOk)
        {
            return 1;
        }

        // async=true answers as soon as the source rings; without it the answer waits for the source phone: 0 once it
        // has answered, 1 when it rang out, was refused or hung up.
        return request.Flag("async") || await SourceAnsweredAsync(request, originate.Value!, source.Config) ? 0 : 1;
    }

    /// <summary>How often a synchronous originate looks at the ringing source leg.</summary>
    private static readonly TimeSpan OriginatePoll = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Waits until the originate's first leg is answered or gone. The source's ring timer ends an unanswered leg on the
    /// call model's clock; the wait is also capped in real time (ring timer plus a margin), so that a clock that does
    /// not move (a paused simulation) cannot hold a request forever.
    /// </summary>
    private static async Task<bool> SourceAnsweredAsync(EscauxRequest request, CallSnapshot call, ExtensionConfig source)
    {
        if (call.Legs.IsEmpty)
        {
            return false;
        }

        var leg = call.Legs[0].Name;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(request.Aborted);
        deadline.CancelAfter(TimeSpan.FromSeconds(source.RingTimerSeconds + 5));
        try
        {
            while (true)
            {
                var current = await request.Pbx.FindChannelAsync(request.Tenant, leg);
                if (current is null || current.IsHungUp)
                {
                    return false;
                }

                if (current.State == ChannelState.Up)
                {
                    return true;
                }

                await Task.Delay(OriginatePoll, deadline.Token);
            }
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>"name1=value1|name2=|name3=value3"; null when one is malformed.</summary>
    private static ImmutableDictionary<string, string>? Variables(string? text)
    {
        var result = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(text))
        {
            return result.ToImmutable();
        }

        foreach (var pair in text.Split('|', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? "" : pair[..equals].Trim();
            var value = equals < 0 ? "" : pair[(equals + 1)..];
            if (name.Length == 0 || name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) ||
                value.Length > MaxVariableValue || !value.All(char.IsAsciiLetterOrDigit))
            {
                return null;
            }

            result[name] = value;
        }

        return result.ToImmutable();
    }

    public static async Task<EscauxAnswer> HangupAsync(EscauxRequest request) =>
        EscauxAnswer.Result("ccHangupResult", await ChannelCodeAsync(request, c => request.Pbx.HangupAsync(request.Tenant, c)));

    public static async Task<EscauxAnswer> RedirectAsync(EscauxRequest request) =>
        EscauxAnswer.Result("ccRedirectResult", request.Text("to") is { } to
            ? await ChannelCodeAsync(request, c => request.Pbx.RedirectAsync(request.Tenant, c, to))
            : 1);

    public static async Task<EscauxAnswer> HoldAsync(EscauxRequest request) =>
        EscauxAnswer.Result("ccHoldResult", await ChannelCodeAsync(request, c => request.Pbx.HoldAsync(request.Tenant, c)));

    private static async Task<int> ChannelCodeAsync(EscauxRequest request, Func<string, Task<PbxResult>> action) =>
        request.Text("channel_id") is { } channel && (await action(channel)).IsOk ? 0 : 1;

    /// <summary>Parks channel_id; channel_id2, when given, joins it in the slot (a barge-in).</summary>
    public static async Task<EscauxAnswer> ParkAsync(EscauxRequest request)
    {
        if (request.Text("channel_id") is not { } channel)
        {
            return EscauxAnswer.Result("ccParkResult", 1);
        }

        var second = request.Text("channel_id2");
        var secondLeg = second is null ? null : await request.Pbx.FindChannelAsync(request.Tenant, second);
        if (second is not null && !IsExtensionLeg(secondLeg))
        {
            return EscauxAnswer.Result("ccParkResult", 1);
        }

        var parked = await request.Pbx.ParkAsync(request.Tenant, channel);
        if (!parked.IsOk)
        {
            return EscauxAnswer.Result("ccParkResult", 1);
        }

        var joined = secondLeg is null || await JoinParkedAsync(request, secondLeg, parked.Value);
        return EscauxAnswer.Result("ccParkResult", joined ? 0 : 1);
    }

    public static async Task<EscauxAnswer> JoinParkAsync(EscauxRequest request)
    {
        var leg = request.Text("channel_id") is { } channel ? await request.Pbx.FindChannelAsync(request.Tenant, channel) : null;
        var slotOk = int.TryParse(request.Text("to"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var slot);
        return EscauxAnswer.Result("ccJoinParkResult", IsExtensionLeg(leg) && slotOk && await JoinParkedAsync(request, leg!, slot) ? 0 : 1);
    }

    private static bool IsExtensionLeg(ChannelSnapshot? leg) => leg is { IsHungUp: false, EndpointKind: EndpointKind.Extension };

    /// <summary>
    /// Moves an extension's leg to a parked call: the leg leaves its call (as Asterisk's redirect takes it out of its
    /// bridge) and the extension's phone, already off hook, is connected to the parked caller.
    /// </summary>
    private static async Task<bool> JoinParkedAsync(EscauxRequest request, ChannelSnapshot leg, int slot)
    {
        var parked = await FindParkedAsync(request, slot);
        if (parked is null || parked.Channel == leg.Name)
        {
            return false;
        }

        var left = await request.Pbx.HangupAsync(request.Tenant, leg.Name);
        return left.IsOk && (await request.Pbx.Call(request.Tenant, parked.CallId).JoinParkedAsync(leg.Endpoint, slot, offHook: true)).IsOk;
    }

    private static async Task<ParkedCallView?> FindParkedAsync(EscauxRequest request, int slot)
    {
        foreach (var lot in (await request.Pbx.Tenant(request.Tenant).GetAsync())?.ParkingLots ?? [])
        {
            if (await request.Pbx.ParkingLot(request.Tenant, lot).FindAsync(slot) is { } parked)
            {
                return parked;
            }
        }

        return null;
    }
}
