using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Events;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Grains.Events;

/// <summary>
/// The events one change of a leg makes, from the picture the feed last saw (null for a new leg) and the new one.
/// Plain rules, so every transition can be tested without a cluster. Order within a change: what ends before what
/// starts (a parked caller leaves its slot before it is bridged to the one who picked it up).
/// </summary>
public static class CallEventRules
{
    public static IEnumerable<CallEvent> Diff(ChannelSnapshot? before, ChannelSnapshot after, bool originating, string? parkingLot, DateTimeOffset at)
    {
        var announced = false;
        CallEvent Event(CallEventKind kind)
        {
            announced = true;
            return new() { Kind = kind, At = at, Channel = after, Originating = originating };
        }

        if (before is null)
        {
            yield return Event(CallEventKind.ChannelCreated);
        }

        if (before?.ParkedSlot is { } left && (after.ParkedSlot != left || after.IsHungUp))
        {
            yield return Event(CallEventKind.Unparked) with { ParkedSlot = left, ParkingLot = parkingLot };
        }

        if (before is { OnHold: true } && !after.OnHold && !after.IsHungUp)
        {
            yield return Event(CallEventKind.Unheld);
        }

        if (after.State == ChannelState.Up && before?.State != ChannelState.Up && !after.IsHungUp)
        {
            yield return Event(CallEventKind.Answered);
        }

        if (after.LinkedChannel is not null && after.LinkedChannel != before?.LinkedChannel)
        {
            yield return Event(CallEventKind.Linked);
        }

        if (after.OnHold && before?.OnHold != true)
        {
            yield return Event(CallEventKind.Held);
        }

        if (after.ParkedSlot is { } slot && before?.ParkedSlot != slot && !after.IsHungUp)
        {
            yield return Event(CallEventKind.Parked) with { ParkedSlot = slot, ParkingLot = parkingLot };
        }

        if (after.IsHungUp && before?.IsHungUp != true)
        {
            yield return Event(CallEventKind.HungUp);
        }

        // What no event above names: a reader that shows caller ids or variables learns of their change too.
        if (!announced && before is not null && !after.IsHungUp && PartiesOrVariablesDiffer(before, after))
        {
            yield return Event(CallEventKind.Updated);
        }
    }

    private static bool PartiesOrVariablesDiffer(ChannelSnapshot before, ChannelSnapshot after) =>
        before.CallerIdNumber != after.CallerIdNumber || before.CallerIdName != after.CallerIdName
        || before.ConnectedLineNumber != after.ConnectedLineNumber || before.ConnectedLineName != after.ConnectedLineName
        || (!ReferenceEquals(before.Variables, after.Variables)
            && (before.Variables.Count != after.Variables.Count || before.Variables.Any(v => !after.Variables.TryGetValue(v.Key, out var value) || value != v.Value)));
}
