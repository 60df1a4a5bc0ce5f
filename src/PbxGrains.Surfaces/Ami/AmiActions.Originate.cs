using System.Collections.Immutable;
using System.Globalization;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Events;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Surfaces.Ami;

/// <summary>
/// <c>Originate</c>: a phone rung and a number dialled, ChanSpy or Dial as an application, answered at once
/// (<c>Async</c>) with <c>OriginateResponse</c> later, or once the first leg has answered or failed.
/// </summary>
public static partial class AmiActions
{
    /// <summary>Asterisk's default originate timeout (milliseconds).</summary>
    private const int DefaultOriginateTimeoutMs = 30_000;

    private static async Task OriginateAsync(AmiRequest r)
    {
        var m = r.Message;
        var channel = m["Channel"];
        if (channel.Length == 0)
        {
            r.Error("Channel not specified");
            return;
        }

        var timeoutMs = int.TryParse(m["Timeout"], NumberStyles.None, CultureInfo.InvariantCulture, out var given) && given > 0 ? given : DefaultOriginateTimeoutMs;
        var async = m.IsTrue("Async");
        var source = AmiChannelNames.ExtensionOf(channel);
        var application = m["Application"];
        if (source is null || (application.Length == 0 && m["Exten"].Length == 0))
        {
            r.Error(source is null ? "Invalid channel" : "Exten not specified");
            return;
        }

        var watch = new AmiOriginateWatch();
        if (async)
        {
            watch.OnSettled(outcome => r.Connection.Send(OriginateResponse(r, outcome, channel).Bytes));
        }

        r.Connection.Watch(watch);
        if (async)
        {
            // Asterisk answers an async originate as soon as it is queued, before the call exists: none of the call's
            // events (nor its OriginateResponse) may come before this answer, however long placing the call takes.
            r.Success("Originate successfully queued");
        }

        var placed = await PlaceAsync(r, source, application, timeoutMs);
        if (placed is { } callId)
        {
            // Past the phone's own ring timeout, so the call model's hangup is the outcome, not this fallback.
            watch.Placed(callId, TimeSpan.FromMilliseconds(timeoutMs) + TimeSpan.FromSeconds(5));
        }
        else
        {
            watch.Failed();
        }

        if (!async)
        {
            var outcome = await watch.Outcome;
            if (AmiOriginateWatch.ReasonOf(outcome) == 4)
            {
                r.Success("Originate successfully queued");
            }
            else
            {
                r.Error("Originate failed");
            }
        }
    }

    /// <summary>The call's id once placed, or null when the call model refused it.</summary>
    private static async Task<string?> PlaceAsync(AmiRequest r, string source, string application, int timeoutMs)
    {
        var m = r.Message;
        var (name, number) = AmiChannelNames.CallerIdOf(m["CallerID"]);
        var ringSeconds = Math.Max(1, timeoutMs / 1000);
        if (application.Equals("ChanSpy", StringComparison.OrdinalIgnoreCase))
        {
            // ChanSpy(SIP/4003,qw): spy on the live channel of that device; w whispers, B barges.
            var data = m["Data"];
            var options = data.Contains(',', StringComparison.Ordinal) ? data[(data.IndexOf(',', StringComparison.Ordinal) + 1)..] : "";
            var target = data.Split(',')[0].Trim();
            var channels = await r.Services.Pbx.ListChannelsAsync(r.Tenant);
            var spied = channels.FirstOrDefault(c => c.Name.Equals(target, StringComparison.OrdinalIgnoreCase))
                ?? channels.FirstOrDefault(c => target.Length > 0 && c.Name.StartsWith(target, StringComparison.OrdinalIgnoreCase));
            if (spied is null)
            {
                return null;
            }

            var spy = await r.Services.Pbx.SpyAsync(r.Tenant, new SpyRequest
            {
                SpyExtension = source,
                TargetChannel = spied.Name,
                Mode = options.Contains('B', StringComparison.Ordinal) ? SpyMode.Barge : options.Contains('w', StringComparison.Ordinal) ? SpyMode.Whisper : SpyMode.Listen,
                CallerIdNumber = number,
                CallerIdName = name,
                RingTimeoutSeconds = ringSeconds,
            });
            return spy.IsOk ? spy.Value!.CallId : null;
        }

        string destination;
        if (application.Length == 0)
        {
            destination = m["Exten"];
        }
        else if (application.Equals("Dial", StringComparison.OrdinalIgnoreCase) && AmiChannelNames.ExtensionOf(m["Data"].Split(',')[0]) is { } dialled)
        {
            destination = dialled;
        }
        else
        {
            // The call model runs no other dialplan application.
            return null;
        }

        var result = await r.Services.Pbx.OriginateAsync(r.Tenant, new OriginateRequest
        {
            SourceExtension = source,
            Destination = destination,
            SourceCallerIdNumber = number,
            SourceCallerIdName = name,
            AccountCode = m["Account"] is { Length: > 0 } account ? account : null,
            Context = m["Context"] is { Length: > 0 } context ? context : null,
            Variables = VariablesOf(m),
            SourceRingTimeoutSeconds = ringSeconds,
        });
        return result.IsOk ? result.Value!.CallId : null;
    }

    /// <summary><c>Variable: a=1,b=2</c> lines (repeated or comma-separated), as Asterisk reads them.</summary>
    private static ImmutableDictionary<string, string> VariablesOf(AmiMessage m)
    {
        var variables = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var line in m.All("Variable"))
        {
            foreach (var pair in line.Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0)
                {
                    variables[pair[..equals].Trim()] = pair[(equals + 1)..];
                }
            }
        }

        return variables.ToImmutable();
    }

    /// <summary>
    /// The answer to an async originate, for the session that asked (its ActionID), whatever its event mask: Asterisk
    /// sends it to every session with the call class, but only the one that asked can tell it from another's.
    /// </summary>
    private static AmiEvent OriginateResponse(AmiRequest r, CallEvent? outcome, string channel)
    {
        var reason = AmiOriginateWatch.ReasonOf(outcome);
        var m = r.Message;
        var leg = outcome?.Channel;
        return AmiEvent.Of("OriginateResponse", AmiPermission.Call, p =>
        {
            if (r.ActionId.Length > 0)
            {
                p.Add("ActionID", r.ActionId);
            }

            return p.Add("Response", reason == 4 ? "Success" : "Failure")
                .Add("Channel", leg?.Name ?? channel)
                .Add("Context", m["Context"])
                .Add("Exten", m["Exten"])
                .Add("Application", m["Application"])
                .Add("Data", m["Data"])
                .Add("Reason", reason)
                .Add("Uniqueid", leg?.UniqueId ?? AmiChannelFields.Unknown)
                .Add("CallerIDNum", AmiChannelFields.OrUnknown(leg?.CallerIdNumber ?? ""))
                .Add("CallerIDName", AmiChannelFields.OrUnknown(leg?.CallerIdName ?? ""));
        });
    }
}
