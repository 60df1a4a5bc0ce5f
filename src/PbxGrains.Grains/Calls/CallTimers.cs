using System.Collections.Immutable;
using PbxGrains.Grains.Calls.Flow;
using PbxGrains.Grains.Timers;

namespace PbxGrains.Grains.Calls;

/// <summary>
/// A call's timers: the flow names them by what they are for (a kind, and a leg or the call itself), the clock by id.
/// A call has a handful at a time, so a list is all the index it needs. Only the grain's thread touches it.
/// </summary>
internal sealed class CallTimers(TimeProvider time, Func<long, Task> deliver, TimerLag lag) : IDisposable
{
    private readonly VirtualTimers _clock = new(time, deliver, lag);
    private readonly List<(long Id, TimerKind Kind, string Leg)> _pending = [];

    /// <summary>Starts a timer of the leg, or of the call itself when <paramref name="leg"/> is empty, due at <paramref name="due"/>.</summary>
    public void Start(TimerKind kind, string leg, DateTimeOffset due) => _pending.Add((_clock.ScheduleAt(due), kind, leg));

    public void CancelLeg(string leg)
    {
        for (var i = _pending.Count - 1; i >= 0; i--)
        {
            if (_pending[i].Leg == leg)
            {
                CancelAt(i);
            }
        }
    }

    public void CancelCall(TimerKind kind)
    {
        for (var i = _pending.Count - 1; i >= 0; i--)
        {
            if (_pending[i].Kind == kind && _pending[i].Leg.Length == 0)
            {
                CancelAt(i);
            }
        }
    }

    /// <summary>What a firing timer is for; null when it was cancelled or already handled (or fired early, see <see cref="VirtualTimers.Claim(long)"/>).</summary>
    public (TimerKind Kind, string Leg, DateTimeOffset Due)? Claim(long id)
    {
        if (!_clock.Claim(id, out var due))
        {
            return null;
        }

        for (var i = 0; i < _pending.Count; i++)
        {
            if (_pending[i].Id == id)
            {
                var (_, kind, leg) = _pending[i];
                _pending.RemoveAt(i);
                return (kind, leg, due);
            }
        }

        return null;
    }

    /// <summary>
    /// The pending timer that fell due first before <paramref name="id"/>'s due instant and is overdue too; null when
    /// there is none. A host that falls behind delivers overdue firings in whatever order their messages come (a timer
    /// armed late, for a step taken late, fires at once, perhaps after a later one): the call takes them in the order
    /// they fell due, as the stepped clock does.
    /// </summary>
    public long? EarlierOverdue(long id) => _clock.DueOf(id) is { } due ? OverdueBefore(due) : null;

    /// <summary>
    /// The pending timer that fell due first before <paramref name="instant"/> and is overdue; null when there is none.
    /// A message from another grain that carries an instant (a queue's offer) may come after the call's own timers due
    /// before it: had the host kept up, they would have been taken first.
    /// </summary>
    public long? OverdueBefore(DateTimeOffset instant)
    {
        var now = time.GetUtcNow();
        long? earliest = null;
        var best = instant;
        foreach (var (other, _, _) in _pending)
        {
            if (_clock.DueOf(other) is { } at && at < best && at <= now)
            {
                (earliest, best) = (other, at);
            }
        }

        return earliest;
    }

    /// <summary>Every pending timer with its due instant, and the last id given: what the call takes along when it moves.</summary>
    public CallTimersImage Image() => new(
        [.. _pending.Select(p => new PendingCallTimer(p.Id, p.Kind, p.Leg, _clock.DueOf(p.Id) ?? DateTimeOffset.MaxValue))],
        _clock.LastId);

    /// <summary>Arms again, at the same due instants and under the same ids, the timers of the call's earlier activation.</summary>
    public void Resume(CallTimersImage image)
    {
        _clock.LastId = image.LastId;
        foreach (var timer in image.Pending)
        {
            _clock.Resume(timer.Id, timer.Due);
            _pending.Add((timer.Id, timer.Kind, timer.Leg));
        }
    }

    /// <summary>Stops every timer but keeps what is pending, for <see cref="Image"/> (the activation is going away).</summary>
    public void Disarm() => _clock.Disarm();

    /// <summary>Cancels every timer: the call has ended.</summary>
    public void Stop()
    {
        _clock.Dispose();
        _pending.Clear();
    }

    public void Dispose() => Stop();

    private void CancelAt(int index)
    {
        _clock.Cancel(_pending[index].Id);
        _pending.RemoveAt(index);
    }
}

/// <summary>A call's timers as it takes them to another silo.</summary>
[GenerateSerializer, Immutable, Alias("pbx.call-timers")]
internal sealed record class CallTimersImage(
    [property: Id(0)] ImmutableArray<PendingCallTimer> Pending,
    [property: Id(1)] long LastId);

[GenerateSerializer, Immutable, Alias("pbx.call-timer")]
internal sealed record class PendingCallTimer(
    [property: Id(0)] long Id,
    [property: Id(1)] TimerKind Kind,
    [property: Id(2)] string Leg,
    [property: Id(3)] DateTimeOffset Due);
