using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Events;

namespace PbxGrains.Surfaces.Ami;

/// <summary>A caller's way through a queue: leaving it, and the member it was connected to.</summary>
public sealed partial class AmiCallTranslator
{
    private static void QueueLeft(CallTrack call, ChannelSnapshot c, CallEvent e, List<AmiEvent> output)
    {
        var waited = (long)(e.At - (call.QueueJoined ?? e.At)).TotalSeconds;
        if (e.QueueExit == QueueExit.Abandoned)
        {
            output.Add(AmiEvent.Of("QueueCallerAbandon", AmiPermission.Agent, p => p.AddChannel(c)
                .Add("Queue", e.Queue).Add("Position", call.QueuePosition).Add("OriginalPosition", call.QueuePosition).Add("HoldTime", waited)));
        }

        output.Add(AmiEvent.Of("QueueCallerLeave", AmiPermission.Agent, p => p.AddChannel(c)
            .Add("Queue", e.Queue).Add("Position", call.QueuePosition)));
        if (e.QueueExit == QueueExit.Answered && c.LinkedChannel is { } member && call.Legs.TryGetValue(member, out var agent))
        {
            call.QueueConnected = e.At;
            call.QueueMember = member;
            call.QueueName = e.Queue ?? "";
            output.Add(AmiEvent.Of("AgentConnect", AmiPermission.Agent, p => p.AddChannel(c).AddChannel(agent.Last, "Dest")
                .Add("Queue", e.Queue).Add("Interface", agent.Last.Device).Add("MemberName", agent.Last.Endpoint)
                .Add("HoldTime", waited).Add("RingTime", (long)(e.At - agent.Created).TotalSeconds)));
        }
    }
}
