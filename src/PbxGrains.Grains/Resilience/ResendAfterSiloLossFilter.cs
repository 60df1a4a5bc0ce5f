using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Reflection;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Grains.Hosting;

namespace PbxGrains.Grains.Resilience;

/// <summary>
/// Sends a call again when the silo it went to left before answering (a rolling update stops every silo in turn;
/// durable grains are activated again elsewhere rather than moved, and a message already on its way to the stopping
/// silo is rejected instead of following them). Only calls that are safe twice are resent: read-only methods and those
/// marked <see cref="SafeToResendAttribute"/>; any other call fails as before, because its first delivery may have
/// done its work. A few attempts, spaced so the cluster can place the grain again; then the failure stands.
/// </summary>
public sealed class ResendAfterSiloLossFilter : IOutgoingGrainCallFilter
{
    /// <summary>The waits before each resend: long enough for the cluster to place the grain again, short for a client.</summary>
    internal static readonly TimeSpan[] DefaultWaits = [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(1)];

    // Per filter (one per silo or client): which methods are safe, read once from their attributes.
    private readonly ConcurrentDictionary<MethodInfo, bool> _safeMethods = new();

    private readonly ILogger<ResendAfterSiloLossFilter> _logger;
    private readonly Counter<long> _resent;
    private readonly IReadOnlyList<TimeSpan> _waits;

    public ResendAfterSiloLossFilter(ILogger<ResendAfterSiloLossFilter> logger, IMeterFactory meters)
        : this(logger, meters, DefaultWaits)
    {
    }

    /// <summary>Real waits (not the simulated clock's: a silo leaves in real time); a test gives short ones.</summary>
    internal ResendAfterSiloLossFilter(ILogger<ResendAfterSiloLossFilter> logger, IMeterFactory meters, IReadOnlyList<TimeSpan> waits)
    {
        _logger = logger;
        _waits = waits;
        _resent = meters.Create(PbxMetrics.MeterName).CreateCounter<long>("pbx.grain_calls.resent", "{call}",
            "Grain calls sent again because the silo they went to left before answering (safe calls only), by outcome.");
    }

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        if (!IsSafeToResend(context.InterfaceMethod))
        {
            await context.Invoke();
            return;
        }

        for (var attempt = 0; ; attempt++)
        {
            Exception? failure;
            var thrown = false;
            try
            {
                await context.Invoke();
                failure = context.Response?.Exception;
            }
            catch (Exception e)
            {
                (failure, thrown) = (e, true);
            }

            if (attempt > 0)
            {
                _resent.Add(1, new KeyValuePair<string, object?>("outcome", failure is null ? "answered" : "failed"));
            }

            if (failure is null || !TargetSiloLeft(failure) || attempt == _waits.Count)
            {
                if (thrown)
                {
                    ExceptionDispatchInfo.Throw(failure!);
                }

                return;
            }

            _logger.LogInformation("{Interface}.{Method} to {Grain} is sent again in {Wait} ms: {Reason}",
                context.InterfaceName, context.MethodName, context.TargetId, _waits[attempt].TotalMilliseconds, failure.Message);
            await Task.Delay(_waits[attempt]);
        }
    }

    /// <summary>Whether a failure says the message never got an answer because its silo went away (not that the grain failed).</summary>
    private static bool TargetSiloLeft(Exception failure) => failure is SiloUnavailableException or OrleansMessageRejectionException;

    /// <summary>Our own grains' safe methods only: Orleans' system grains (the directory, membership) retry in their own ways.</summary>
    private bool IsSafeToResend(MethodInfo? method) => method is not null && _safeMethods.GetOrAdd(method, static m =>
        m.DeclaringType?.Assembly == typeof(SafeToResendAttribute).Assembly
        && (m.GetCustomAttribute<ReadOnlyAttribute>() is not null || m.GetCustomAttribute<SafeToResendAttribute>() is not null));
}
