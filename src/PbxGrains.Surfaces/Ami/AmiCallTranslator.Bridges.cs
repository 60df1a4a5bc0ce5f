using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Events;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Surfaces.Ami;

/// <summary>Bridges and parking: which legs share a bridge, and when a dialled leg's dial ends.</summary>
public sealed partial class AmiCallTranslator
{
    /// <summary>
    /// A bridged leg has answered: a dialled leg whose answer the feed has not told yet (the legs of one change come in
    /// the call's order, the caller's bridge first) ends its dial here, so DialEnd comes before the bridge as in Asterisk.
    /// Each leg enters the bridge on its own Linked event.
    /// </summary>
    private void Linked(CallTrack call, LegTrack leg, ChannelSnapshot c, DateTimeOffset at, List<AmiEvent> output)
    {
        EndDial(call, leg, c, "ANSWER", output);
        if (c.LinkedChannel is { } peer && call.Legs.TryGetValue(peer, out var other) && other.DialedBy is not null && !other.DialEnded && !other.Last.IsHungUp)
        {
            if (other.Last.State != ChannelState.Up)
            {
                other.Last = other.Last with { State = ChannelState.Up, Answered = other.Last.Answered ?? at };
                output.Add(AmiEvent.Of("Newstate", AmiPermission.Call, p => p.AddChannel(other.Last)));
            }

            call.Answered ??= other.Last.Answered;
            EndDial(call, other, other.Last, "ANSWER", output);
        }

        if (call.BridgeId is null)
        {
            call.BridgeId = BridgeIdOf(call.CallId, ++call.Bridges);
            output.Add(AmiEvent.Of("BridgeCreate", AmiPermission.Call, p => AddBridge(p, call)));
        }

        Enter(call, c, output);
    }

    /// <summary>DialEnd, once, for a leg that was dialled.</summary>
    private static void EndDial(CallTrack call, LegTrack leg, ChannelSnapshot c, string status, List<AmiEvent> output)
    {
        if (leg.DialedBy is not { } caller || leg.DialEnded)
        {
            return;
        }

        leg.DialEnded = true;
        var by = call.Legs.TryGetValue(caller.Name, out var current) ? current.Last : caller;
        output.Add(AmiEvent.Of("DialEnd", AmiPermission.Call, p => p.AddChannel(by).AddChannel(c, "Dest").Add("DialStatus", status)));
    }

    private static void Enter(CallTrack call, ChannelSnapshot c, List<AmiEvent> output)
    {
        if (call.InBridge.Add(c.Name))
        {
            output.Add(AmiEvent.Of("BridgeEnter", AmiPermission.Call, p => AddBridge(p, call).AddChannel(c)));
        }
    }

    private static void Leave(CallTrack call, ChannelSnapshot c, List<AmiEvent> output)
    {
        if (!call.InBridge.Remove(c.Name))
        {
            return;
        }

        output.Add(AmiEvent.Of("BridgeLeave", AmiPermission.Call, p => AddBridge(p, call).AddChannel(c)));
        if (call.InBridge.Count == 0)
        {
            output.Add(AmiEvent.Of("BridgeDestroy", AmiPermission.Call, p => AddBridge(p, call)));
            call.BridgeId = null;
        }
    }

    private static void Parked(CallTrack call, LegTrack leg, ChannelSnapshot c, CallEvent e, List<AmiEvent> output)
    {
        leg.ParkedAt = e.At;
        output.Add(AmiEvent.Of("ParkedCall", AmiPermission.Call, p => p.AddChannel(c, "Parkee")
            .Add("ParkerDialString", c.LinkedChannel is { } parker ? Abstractions.Ids.UniqueId.DeviceOf(parker) : "")
            .Add("Parkinglot", e.ParkingLot ?? "default")
            .Add("ParkingSpace", e.ParkedSlot?.ToString(CultureInfo.InvariantCulture) ?? "")
            .Add("ParkingTimeout", DefaultParkingTimeout)
            .Add("ParkingDuration", 0)));
        Leave(call, c, output);
    }

    private static void Unparked(CallTrack call, LegTrack leg, ChannelSnapshot c, CallEvent e, List<AmiEvent> output)
    {
        var parkedFor = leg.ParkedAt is { } at ? (long)(e.At - at).TotalSeconds : 0;
        leg.ParkedAt = null;
        var name = c.IsHungUp ? "ParkedCallGiveUp" : "UnParkedCall";
        output.Add(AmiEvent.Of(name, AmiPermission.Call, p =>
        {
            p.AddChannel(c, "Parkee");
            if (!c.IsHungUp && c.LinkedChannel is { } retriever && call.Legs.TryGetValue(retriever, out var r))
            {
                p.AddChannel(r.Last, "Retriever");
            }

            return p.Add("Parkinglot", e.ParkingLot ?? "default")
                .Add("ParkingSpace", e.ParkedSlot?.ToString(CultureInfo.InvariantCulture) ?? "")
                .Add("ParkingTimeout", DefaultParkingTimeout)
                .Add("ParkingDuration", parkedFor);
        }));
    }

    private static AmiPacket AddBridge(AmiPacket p, CallTrack call) => p
        .Add("BridgeUniqueid", call.BridgeId)
        .Add("BridgeType", "basic")
        .Add("BridgeTechnology", "simple_bridge")
        .Add("BridgeCreator", AmiChannelFields.Unknown)
        .Add("BridgeName", AmiChannelFields.Unknown)
        .Add("BridgeNumChannels", call.InBridge.Count)
        .Add("BridgeVideoSourceMode", "none");

    /// <summary>Asterisk names bridges by UUID; this one is derived from the call, so every process names it alike.</summary>
    public static string BridgeIdOf(string callId, int bridge) =>
        new Guid(MD5.HashData(Encoding.UTF8.GetBytes($"{callId}/{bridge}"))).ToString("D");
}
