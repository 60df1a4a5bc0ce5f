using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Surfaces.Ami;

/// <summary>The actions on calls and channels, each one coarse call on the call model.</summary>
public static partial class AmiActions
{
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
