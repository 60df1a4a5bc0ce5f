using System.Collections.Immutable;
using System.Globalization;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Events;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Surfaces.Ami;

/// <summary>The actions on calls and channels, each one coarse call on the call model.</summary>
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

            return;
        }

        r.Success("Originate successfully queued");
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

    private static async Task HangupAsync(AmiRequest r)
    {
        var channel = r.Message["Channel"];
        if (channel.Length == 0)
        {
            r.Error("No channel specified");
            return;
        }

        var result = await r.Services.Pbx.HangupAsync(r.Tenant, channel, AmiCauses.FromNumber(r.Message["Cause"]));
        if (result.IsOk)
        {
            r.Success("Channel Hungup");
        }
        else
        {
            r.Error("No such channel");
        }
    }

    private static async Task RedirectAsync(AmiRequest r)
    {
        var m = r.Message;
        if (m["Channel"].Length == 0)
        {
            r.Error("Channel not specified");
            return;
        }

        if (m["Exten"].Length == 0)
        {
            r.Error("Exten not specified");
            return;
        }

        var result = await r.Services.Pbx.RedirectAsync(r.Tenant, m["Channel"], m["Exten"]);
        if (!result.IsOk)
        {
            r.Error($"Channel does not exist: {m["Channel"]}");
            return;
        }

        if (m["ExtraChannel"] is { Length: > 0 } extra)
        {
            await r.Services.Pbx.RedirectAsync(r.Tenant, extra, m["ExtraExten"] is { Length: > 0 } extraExten ? extraExten : m["Exten"]);
        }

        r.Success("Redirect successful");
    }

    /// <summary>The transferer's bridged peer goes to the extension; the transferer leaves the call.</summary>
    private static async Task BlindTransferAsync(AmiRequest r)
    {
        var m = r.Message;
        if (m["Channel"].Length == 0)
        {
            r.Error("No channel specified");
            return;
        }

        if (m["Exten"].Length == 0)
        {
            r.Error("No extension specified");
            return;
        }

        var transferer = await r.Services.Pbx.FindChannelAsync(r.Tenant, m["Channel"]);
        if (transferer is null || transferer.IsHungUp)
        {
            r.Error($"Channel specified does not exist");
            return;
        }

        if (transferer.LinkedChannel is not { } peer)
        {
            r.Error("Transfer invalid");
            return;
        }

        var result = await r.Services.Pbx.RedirectAsync(r.Tenant, peer, m["Exten"]);
        if (result.IsOk)
        {
            r.Success("Transfer succeeded");
        }
        else
        {
            r.Error("Transfer failed");
        }
    }

    /// <summary>The call model has no consultation call to complete an attended transfer with.</summary>
    private static Task Atxfer(AmiRequest r)
    {
        r.Error("No attended transfer feature code found");
        return Task.CompletedTask;
    }

    /// <summary>The call model bridges only the legs of one call; two unrelated channels cannot be joined.</summary>
    private static Task Bridge(AmiRequest r)
    {
        r.Error("Unable to bridge channels: the call model bridges the legs of one call only");
        return Task.CompletedTask;
    }

    private static async Task ParkAsync(AmiRequest r)
    {
        var channel = r.Message["Channel"];
        if (channel.Length == 0)
        {
            r.Error("Channel not specified");
            return;
        }

        var lot = r.Message["Parkinglot"] is { Length: > 0 } given ? given : "default";
        var result = await r.Services.Pbx.ParkAsync(r.Tenant, channel, lot);
        if (result.IsOk)
        {
            r.Success("Park successful");
        }
        else if (result.Error == DomainError.ChannelNotFound)
        {
            r.Error("Channel specified does not exist");
        }
        else
        {
            r.Error("Park action failed");
        }
    }

    private static async Task GetvarAsync(AmiRequest r)
    {
        var name = r.Message["Variable"];
        if (name.Length == 0)
        {
            r.Error("No variable specified");
            return;
        }

        var value = "";
        if (r.Message["Channel"] is { Length: > 0 } channel)
        {
            var result = await r.Services.Pbx.GetVariableAsync(r.Tenant, channel, name);
            if (result.Error == DomainError.ChannelNotFound)
            {
                r.Error("No such channel");
                return;
            }

            value = result.IsOk ? result.Value ?? "" : "";
        }

        r.Send(r.Start().Add("Variable", name).Add("Value", value));
    }

    private static async Task SetvarAsync(AmiRequest r)
    {
        var name = r.Message["Variable"];
        if (name.Length == 0)
        {
            r.Error("Variable not specified");
            return;
        }

        if (r.Message["Channel"] is not { Length: > 0 } channel)
        {
            // The call model keeps variables on channels only.
            r.Error("Channel not specified");
            return;
        }

        var result = await r.Services.Pbx.SetVariableAsync(r.Tenant, channel, name, r.Message["Value"]);
        if (result.IsOk)
        {
            r.Success("Variable Set");
        }
        else
        {
            r.Error("No such channel");
        }
    }

    private static async Task StatusAsync(AmiRequest r)
    {
        var now = r.Services.Pbx.Clock.Now;
        var channels = await r.Services.Pbx.ListChannelsAsync(r.Tenant);
        if (r.Message["Channel"] is { Length: > 0 } only)
        {
            channels = [.. channels.Where(c => c.Name.Equals(only, StringComparison.OrdinalIgnoreCase))];
            if (channels.IsEmpty)
            {
                r.Error("No such channel");
                return;
            }
        }

        r.SendList("Channel status will follow", "StatusComplete",
            channels.Select(c => ("Status", (Func<AmiPacket, AmiPacket>)(p => p.AddChannel(c)
                .Add("Type", c.Tech)
                .Add("DNID", c.Exten)
                .Add("EffectiveConnectedLineNum", AmiChannelFields.OrUnknown(c.ConnectedLineNumber))
                .Add("EffectiveConnectedLineName", AmiChannelFields.OrUnknown(c.ConnectedLineName))
                .Add("TimeToHangup", 0)
                .Add("BridgeID", BridgeOf(c))
                .Add("Application", c.Application)
                .Add("Data", "")
                .Add("Nativeformats", "(ulaw)")
                .Add("Readformat", "ulaw")
                .Add("Readtrans", "")
                .Add("Writeformat", "ulaw")
                .Add("Writetrans", "")
                .Add("Callgroup", 0)
                .Add("Pickupgroup", 0)
                .Add("Seconds", (long)(now - c.Created).TotalSeconds)))),
            complete => complete.Add("Items", channels.Length));
    }

    private static async Task CoreShowChannelsAsync(AmiRequest r)
    {
        var now = r.Services.Pbx.Clock.Now;
        var channels = await r.Services.Pbx.ListChannelsAsync(r.Tenant);
        r.SendList("Channels will follow", "CoreShowChannelsComplete",
            channels.Select(c => ("CoreShowChannel", (Func<AmiPacket, AmiPacket>)(p => p.AddChannel(c)
                .Add("BridgeId", BridgeOf(c))
                .Add("Application", c.Application)
                .Add("ApplicationData", "")
                .Add("Duration", AmiChannelFields.Duration(now - c.Created))))));
    }

    /// <summary>The bridge a bridged leg is in, named as its events name it (the call's first bridge).</summary>
    private static string BridgeOf(ChannelSnapshot c) => c.LinkedChannel is null ? "" : AmiCallTranslator.BridgeIdOf(c.CallId, 1);
}
