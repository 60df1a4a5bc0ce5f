using PbxGrains.Abstractions.Events;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Surfaces.Ami;

/// <summary>
/// Waits for an originate's first leg to answer or fail, from the tenant's events. It watches before the call is
/// placed (the answer may come before the call's id is known) and keeps what it saw of calls meanwhile.
/// </summary>
public sealed class AmiOriginateWatch
{
    /// <summary>Events kept while the call's id is not known yet; the originate is placed right after the watch starts.</summary>
    private const int MaxEarlyEvents = 256;

    private readonly Lock _sync = new();
    private readonly List<CallEvent> _early = [];
    private readonly TaskCompletionSource<CallEvent?> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _callId;
    private Action<CallEvent?>? _settled;

    /// <summary>The first leg's Answered or HungUp event; null when the call could not be placed or the wait timed out.</summary>
    public Task<CallEvent?> Outcome => _outcome.Task;

    public Task Ended => _outcome.Task;

    public void Seen(CallEvent e)
    {
        if (e.Channel is null || e.Kind is not (CallEventKind.Answered or CallEventKind.HungUp))
        {
            return;
        }

        lock (_sync)
        {
            if (_callId is null)
            {
                if (_early.Count < MaxEarlyEvents)
                {
                    _early.Add(e);
                }

                return;
            }
        }

        Check(e);
    }

    /// <summary>The call was placed: its id, and how long to wait for its first leg.</summary>
    public void Placed(string callId, TimeSpan timeout)
    {
        List<CallEvent> early;
        lock (_sync)
        {
            _callId = callId;
            early = [.. _early];
            _early.Clear();
        }

        foreach (var e in early)
        {
            Check(e);
        }

        _ = ExpireAsync(timeout);
    }

    /// <summary>The call could not be placed.</summary>
    public void Failed() => Settle(null);

    /// <summary>
    /// Called once with the outcome, on the thread that learnt it: for an answer or a hangup seen in the tenant's
    /// events, right after the events of that change were queued, so an answer sent from here keeps Asterisk's order.
    /// Set it before <see cref="Placed"/>.
    /// </summary>
    public void OnSettled(Action<CallEvent?> settled) => _settled = settled;

    private void Check(CallEvent e)
    {
        // The first leg of an originate is the call's own: its unique id is the call's.
        if (e.Channel is { } c && c.CallId == _callId && c.UniqueId == _callId)
        {
            Settle(e);
        }
    }

    private void Settle(CallEvent? outcome)
    {
        if (_outcome.TrySetResult(outcome))
        {
            _settled?.Invoke(outcome);
        }
    }

    private async Task ExpireAsync(TimeSpan timeout)
    {
        await Task.Delay(timeout);
        Settle(null);
    }

    /// <summary>Asterisk's originate reasons (<c>OriginateResponse</c>'s <c>Reason</c>): 4 answered, 5 busy, 8 congestion, 3 no answer, 1 hung up, 0 failed.</summary>
    public static int ReasonOf(CallEvent? outcome) => outcome switch
    {
        { Kind: CallEventKind.Answered } => 4,
        { Channel.HangupCause: HangupCause.UserBusy } => 5,
        { Channel.HangupCause: HangupCause.Congestion } => 8,
        { Channel.HangupCause: HangupCause.NoAnswer or HangupCause.NoUserResponse } => 3,
        { Kind: CallEventKind.HungUp } => 1,
        _ => 0,
    };
}
