using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Grains.Hosting;

namespace PbxGrains.Grains.Cdrs;

/// <summary>
/// The records a silo's calls could not store at once. A call's end is answered once its CDR is stored, unless the
/// store does not answer within <see cref="AnswerWithin"/> (Redis paused or failing over): then the call hands the
/// record here and answers, as a PBX answers a hang-up before its CDR backend has written. The outbox awaits the
/// append and sends it again (appends are idempotent) until it is stored or <see cref="GiveUpAfter"/> has passed, and
/// on a graceful stop waits for what it holds. A crash loses what it holds, as a crashed PBX loses the CDRs it had not
/// written. Bounded: past <see cref="MaxHeld"/> records a call waits for its own, as before.
/// </summary>
public sealed class CdrOutbox : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    /// <summary>How long a call's end waits for its record to be stored before the outbox takes it over (real time).</summary>
    public static readonly TimeSpan AnswerWithin = TimeSpan.FromSeconds(1);

    /// <summary>How long the outbox goes on sending a record again before it gives it up, logged.</summary>
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(10);

    /// <summary>How long a graceful stop waits for the held records (within the silo's own shutdown time).</summary>
    public static readonly TimeSpan StopWaitsAtMost = TimeSpan.FromSeconds(20);

    public const int MaxHeld = 100_000;

    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(10);

    private readonly Func<string, ICdrLogGrain> _logs;
    private readonly TimeSpan _answerWithin;
    private readonly TimeSpan _firstRetry;
    private readonly ILogger<CdrOutbox> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly HashSet<Task> _held = [];
    private readonly Counter<long> _handedOver;
    private readonly Counter<long> _lost;

    public CdrOutbox(IGrainFactory grains, ILogger<CdrOutbox> logger, IMeterFactory meters)
        : this(log => grains.GetGrain<ICdrLogGrain>(log), logger, meters, AnswerWithin, FirstRetry)
    {
    }

    /// <summary>A test's outbox: its own logs and waits.</summary>
    internal CdrOutbox(Func<string, ICdrLogGrain> logs, ILogger<CdrOutbox> logger, IMeterFactory meters, TimeSpan answerWithin, TimeSpan firstRetry)
    {
        (_logs, _logger, _answerWithin, _firstRetry) = (logs, logger, answerWithin, firstRetry);
        var meter = meters.Create(PbxMetrics.MeterName);
        _handedOver = meter.CreateCounter<long>("pbx.cdrs.deferred", "{record}",
            "CDRs a call's end did not wait for (the store answered too slowly): written in the background.");
        _lost = meter.CreateCounter<long>("pbx.cdrs.lost", "{record}",
            "CDRs the background writer gave up on (the store failed for longer than it retries).");
        meter.CreateObservableGauge("pbx.cdrs.pending", () => (long)Held, "{record}",
            "CDRs being written in the background now.");
    }

    public int Held
    {
        get
        {
            lock (_gate)
            {
                return _held.Count;
            }
        }
    }

    /// <summary>
    /// Appends <paramref name="record"/> to <paramref name="log"/>; completes when it is stored, or when it has waited
    /// <see cref="AnswerWithin"/> and the outbox has taken it over. Fails only when the store refused it at once and
    /// the outbox is full.
    /// </summary>
    public async Task AppendAsync(string log, CdrRecord record)
    {
        var first = _logs(log).AppendAsync(record);
        try
        {
            // WaitAsync drops its timer once the append is done: every call's end passes here, and a plain Task.Delay
            // would leave a second-long timer behind each of them.
            await first.WaitAsync(_answerWithin);
            return;
        }
        catch (Exception) when (!first.IsCompletedSuccessfully)
        {
            // Too slow, or refused: the outbox takes it over below.
        }

        lock (_gate)
        {
            if (_held.Count < MaxHeld)
            {
                // Off the grain's context: the writing outlives the call's turn and its activation.
                var keeping = Task.Run(() => KeepAsync(log, record, first));
                _held.Add(keeping);
                _ = keeping.ContinueWith(Forget, TaskScheduler.Default);
                _handedOver.Add(1);
                return;
            }
        }

        // Full: this call waits for its own record, as calls did before the outbox.
        _logger.LogWarning("CDR outbox full ({Held} records): call {Call} waits for its record", MaxHeld, record.UniqueId);
        await first;
    }

    private async Task KeepAsync(string log, CdrRecord record, Task attempt)
    {
        var started = DateTime.UtcNow;
        var wait = _firstRetry;
        for (var tries = 1; ; tries++)
        {
            try
            {
                await attempt;
                if (tries > 1)
                {
                    _logger.LogInformation("CDR {UniqueId} stored in {Log} after {Tries} attempts", record.UniqueId, log, tries);
                }

                return;
            }
            catch (Exception e) when (DateTime.UtcNow - started < GiveUpAfter && !_stopping.IsCancellationRequested)
            {
                _logger.LogWarning("CDR {UniqueId} could not be stored in {Log} (attempt {Tries}: {Error}); sent again in {Wait} s",
                    record.UniqueId, log, tries, e.Message, wait.TotalSeconds);
            }
            catch (Exception e)
            {
                _lost.Add(1);
                _logger.LogError("CDR {UniqueId} of {Log} is lost: not stored after {Tries} attempts in {Elapsed} ({Error})",
                    record.UniqueId, log, tries, DateTime.UtcNow - started, e.Message);
                return;
            }

            try
            {
                await Task.Delay(wait, _stopping.Token);
            }
            catch (OperationCanceledException)
            {
                // Stopping: one last attempt, now.
            }

            wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, LongestRetry.Ticks));
            attempt = _logs(log).AppendAsync(record);
        }
    }

    private void Forget(Task keeping)
    {
        lock (_gate)
        {
            _held.Remove(keeping);
        }
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(CdrOutbox), ServiceLifecycleStage.Active, _ => Task.CompletedTask, StopAsync);

    /// <summary>A graceful stop: the held records are sent once more, and waited for while the cluster still runs.</summary>
    private async Task StopAsync(CancellationToken cancellationToken)
    {
        Task[] held;
        lock (_gate)
        {
            held = [.. _held];
        }

        if (held.Length == 0)
        {
            return;
        }

        _logger.LogInformation("Stopping: waiting for {Held} CDRs to be stored", held.Length);
        await _stopping.CancelAsync();
        await Task.WhenAll(held).WaitAsync(StopWaitsAtMost, cancellationToken).ContinueWith(static _ => { }, TaskScheduler.Default);
        if (Held is > 0 and var left)
        {
            _logger.LogError("Stopped with {Held} CDRs not stored", left);
        }
    }

    // The meter is the factory's (shared with PbxMetrics under the same name): it is not ours to dispose.
    public void Dispose() => _stopping.Dispose();
}
