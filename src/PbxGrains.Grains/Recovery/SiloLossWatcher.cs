using Microsoft.Extensions.Logging;
using PbxGrains.Abstractions.Interfaces;

namespace PbxGrains.Grains.Recovery;

/// <summary>
/// Watches cluster membership from this silo. When another silo is declared dead, every enlisted holder of this silo
/// is told (<see cref="ISiloLossListener.OnSiloLostAsync"/>, one way): holders ask the calls they show whether they
/// still live, and live calls publish their pictures again to readers that may have been lost. The round is repeated
/// after each of <see cref="RepeatAfter"/>, for messages that met the dead silo in the directory before every silo had
/// learnt of its death. A silo shutting down gracefully ends the same way (its calls do not survive it either). The
/// traffic generators are woken too, at start and after a loss (see <see cref="TrafficResumer"/>).
/// </summary>
public sealed partial class SiloLossWatcher(
    IClusterMembershipService membership,
    ILocalSiloDetails localSilo,
    SiloLossRegistry registry,
    TrafficResumer traffic,
    IGrainFactory grains,
    ILogger<SiloLossWatcher> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    // Rounds are idempotent (readers keep the newest version; a call that lives says so), so a late one costs only its
    // messages. The second is for a machine so starved that the directory's recovery outlasts the first. (A lost call
    // once stayed listed for good: every round's questions to it were dropped, because the activation the first one
    // made left at once and Orleans drops a message it has to forward twice; a call that never started now lingers.)
    public static readonly TimeSpan[] RepeatAfter = [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(20)];

    private readonly CancellationTokenSource _stopping = new();
    private Task _watching = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SiloLossWatcher), ServiceLifecycleStage.Active, OnStartAsync, OnStopAsync);

    private Task OnStartAsync(CancellationToken cancellationToken)
    {
        _watching = Task.Run(() => WatchAsync(_stopping.Token), CancellationToken.None);

        // A cluster restarted on durable storage has running generators that nobody calls: wake them.
        _ = Task.Run(() => traffic.ResumeAllAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task OnStopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _watching.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task WatchAsync(CancellationToken stopping)
    {
        var known = new Dictionary<SiloAddress, SiloStatus>();
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stopping))
            {
                var lost = new List<SiloAddress>();
                foreach (var (silo, member) in snapshot.Members)
                {
                    // Only a change seen here counts: entries that were dead before this silo started are history.
                    if (member.Status == SiloStatus.Dead && !silo.Equals(localSilo.SiloAddress)
                        && known.TryGetValue(silo, out var before) && before != SiloStatus.Dead)
                    {
                        lost.Add(silo);
                    }

                    known[silo] = member.Status;
                }

                if (lost.Count > 0)
                {
                    LogSiloLost(string.Join(", ", lost), registry.Count);
                    NotifyAll();
                    _ = RepeatAsync(stopping);
                    _ = traffic.ResumeAllAsync(stopping);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception error)
        {
            LogWatchFailed(error);
        }
    }

    private async Task RepeatAsync(CancellationToken stopping)
    {
        try
        {
            var waited = TimeSpan.Zero;
            foreach (var after in RepeatAfter)
            {
                await Task.Delay(after - waited, stopping);
                waited = after;
                NotifyAll();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void NotifyAll()
    {
        foreach (var id in registry.Listeners)
        {
            try
            {
                // One way: a holder's answer is its own messages to the calls it shows.
                grains.GetGrain<ISiloLossListener>(id).OnSiloLostAsync().Ignore();
            }
            catch (Exception error)
            {
                LogNotifyFailed(error, id.ToString());
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Silo(s) {Silos} left the cluster; telling {Listeners} local holders of live calls to reconcile.")]
    private partial void LogSiloLost(string silos, int listeners);

    [LoggerMessage(LogLevel.Error, "Watching cluster membership for lost silos stopped.")]
    private partial void LogWatchFailed(Exception error);

    [LoggerMessage(LogLevel.Warning, "Could not tell {Grain} that a silo was lost.")]
    private partial void LogNotifyFailed(Exception error, string grain);
}
