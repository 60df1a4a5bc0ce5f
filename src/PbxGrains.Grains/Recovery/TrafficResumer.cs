using Microsoft.Extensions.Logging;
using PbxGrains.Abstractions.Ids;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Client;

namespace PbxGrains.Grains.Recovery;

/// <summary>
/// Wakes every tenant's traffic generators. A running generator keeps its next arrival in a timer of its activation:
/// when that activation is lost with its silo, or the whole cluster restarts on durable storage, nothing would call the
/// generator again and the traffic would silently stop. Reading a generator activates it, and an activation whose
/// stored state says it runs schedules its next arrival.
/// </summary>
public sealed partial class TrafficResumer(IGrainFactory grains, ILogger<TrafficResumer> logger)
{
    public async Task ResumeAllAsync(CancellationToken cancellationToken)
    {
        try
        {
            var woken = 0;
            foreach (var tenant in await grains.GetGrain<ITenantDirectoryGrain>(0).ListAsync())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (await grains.Ref<ITenantGrain>(tenant).GetAsync() is not { } view)
                {
                    continue;
                }

                foreach (var generator in view.Traffic)
                {
                    await grains.Ref<ITrafficGrain>(TenantKey.Of(tenant, generator)).GetAsync();
                    woken++;
                }
            }

            if (woken > 0)
            {
                LogResumed(woken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception error)
        {
            // The next silo event tries again; a generator that stays asleep shows in its listing (no next arrival).
            LogFailed(error);
        }
    }

    [LoggerMessage(LogLevel.Information, "Woke {Generators} traffic generators.")]
    private partial void LogResumed(int generators);

    [LoggerMessage(LogLevel.Warning, "Could not wake the traffic generators.")]
    private partial void LogFailed(Exception error);
}
