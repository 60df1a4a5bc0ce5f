using Microsoft.Extensions.Logging;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Ids;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Abstractions.Model;
using PbxGrains.Client;
using PbxGrains.Grains.Catalogue;
using PbxGrains.Grains.Catalogue.Rules;
using PbxGrains.Grains.Hosting;
using PbxGrains.Grains.Simulation;
using PbxGrains.Grains.Timers;

namespace PbxGrains.Grains.Traffic;

/// <summary>
/// A traffic generator. Durable: its configuration and whether it runs. It awaits the calls it places (and, through
/// the client, the tenant's read-only number resolution and the extensions it picks sources from); the tenant only
/// tells it things one way, so no waiting cycle passes through it. Kept alive while it exists: a sparse generator
/// must not be collected between two arrivals. An activation for a name that is no generator is not kept: it goes after
/// the idle age, never at once (DeactivateOnIdle), because a configuration told one way that reaches an activation on
/// its way out can be lost, and a probe of a generator (an incident, a resumer, the API) may come just before it.
/// </summary>
public sealed partial class TrafficGrain(
    [PersistentState("traffic", PbxStorage.Name)] IPersistentState<TrafficState> state,
    PbxClock clock,
    PbxClient pbx,
    TimerLag lag,
    ILogger<TrafficGrain> logger) : EntityGrain, ITrafficGrain
{
    // A system timer cannot wait longer than about 49 days, and a sparse generator may draw gaps of years: a longer wait
    // is taken in steps, each firing only to schedule the rest.
    private static readonly TimeSpan MaxTimerDelay = TimeSpan.FromDays(1);

    private VirtualTimers _timers = null!;
    private ResumableRandom _random = new(1);
    private ArrivalProcess? _arrivals;
    private long? _timer;
    private long? _burst;
    private DateTimeOffset? _nextArrival;
    private long _placed;
    private long _skipped;

    private string Tenant => TenantKey.TenantOf(this.GetPrimaryKeyString());

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _timers = new VirtualTimers(clock.Time, this.AsReference<ITrafficGrain>().OnTimerAsync, lag);
        KeepAliveWhile(state.State.Config is not null);
        if (TakeOverArrived())
        {
            return Task.CompletedTask;
        }

        if (state.State.Config is { } config)
        {
            // A reactivated generator continues with fresh draws from the same seed.
            Prepare(config, Seeds.Derive(config.Seed, "reactivated"));
            if (state.State.Running)
            {
                ScheduleNext(clock.Now);
            }
        }

        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Stopped but not forgotten: an activation that moves to another silo hands its pending timers over (Dehydrate).
        _timers.Disarm();
        return base.OnDeactivateAsync(reason, cancellationToken);
    }

    public async Task ApplyAsync(TrafficConfig config)
    {
        Stop();
        state.State = new TrafficState { Config = config, Running = config.Enabled };
        await state.WriteStateAsync();
        KeepAliveWhile(true);
        Prepare(config, config.Seed);
        _placed = 0;
        _skipped = 0;
        if (config.Enabled)
        {
            Begin(config.StartAt ?? clock.Now);
        }
    }

    public async Task RemoveAsync()
    {
        Stop();
        await state.ClearStateAsync();
        state.State = new TrafficState();
        _arrivals = null;

        // Not kept, not dropped at once (see the class): a reload may add it back at once.
        KeepAliveWhile(false);
    }

    public Task<TrafficView> GetAsync()
    {
        if (state.State.Config is not { } config)
        {
            return Task.FromResult(new TrafficView { Config = new TrafficConfig { Name = TenantKey.NameOf(this.GetPrimaryKeyString()) } });
        }

        return Task.FromResult(new TrafficView
        {
            Config = config,
            Exists = true,
            Running = state.State.Running,
            Placed = _placed,
            Skipped = _skipped,
            NextArrival = _nextArrival,
        });
    }

    public async Task<PbxResult> StartAsync()
    {
        if (state.State.Config is null)
        {
            return NotFound();
        }

        if (!state.State.Running)
        {
            state.State = state.State with { Running = true };
            await state.WriteStateAsync();

            // Started again by hand: from now, or from a start still to come.
            Begin(state.State.Config.StartAt > clock.Now ? state.State.Config.StartAt.Value : clock.Now);
        }

        return PbxResult.Ok;
    }

    public async Task<PbxResult> StopAsync()
    {
        if (state.State.Config is null)
        {
            return NotFound();
        }

        Stop();
        state.State = state.State with { Running = false };
        await state.WriteStateAsync();
        return PbxResult.Ok;
    }

    public async Task<PbxResult> SetRateAsync(double callsPerHour)
    {
        if (state.State.Config is not { } config)
        {
            return NotFound();
        }

        var problems = new FieldProblems();
        if (!TrafficRules.CheckRate(callsPerHour, problems, "callsPerHour"))
        {
            return PbxResult.Fail(DomainError.InvalidArgument, problems.ToString());
        }

        var next = config with { CallsPerHour = callsPerHour };
        state.State = state.State with { Config = next };
        await state.WriteStateAsync();

        // Poisson arrivals have no memory: drawing the next one afresh at the new rate is exact. A pending initial
        // burst is left alone: it is not part of the arrival stream.
        _arrivals = new ArrivalProcess(next.CallsPerHour, next.HourlyProfile, _random);
        if (state.State.Running)
        {
            StopArrivals();
            ScheduleNext(clock.Now);
        }

        return PbxResult.Ok;
    }

    public async Task OnTimerAsync(long timerId)
    {
        if (!_timers.Claim(timerId, out var due) || state.State.Config is not { } config || !state.State.Running)
        {
            return;
        }

        if (timerId == _burst)
        {
            _burst = null;
            for (var i = 0; i < config.InitialCalls; i++)
            {
                await PlaceOneAsync(config, Draw(config), due);
            }

            return;
        }

        if (timerId != _timer)
        {
            return;
        }

        _timer = null;
        if (_nextArrival is not { } arrivesAt)
        {
            return;
        }

        if (arrivesAt > due)
        {
            // A step of a long wait (see MaxTimerDelay): nothing is due yet.
            Schedule(arrivesAt);
            return;
        }

        // Every draw of an arrival happens now, in a fixed order, before anything can depend on outcomes; the next
        // arrival is drawn before this one is placed, so the arrival stream never depends on what calls do. It is
        // drawn from this arrival's due time, not from now: a timer is handled a little late (on a fake clock moved
        // by a whole step, much later), and the stream must not depend on that.
        // The call is stamped with that due time too: a late burst (the host fell behind) places every overdue arrival at
        // its own instant, so the gaps between arrivals stay as drawn.
        var arrival = Draw(config);
        ScheduleNext(arrivesAt);
        await PlaceOneAsync(config, arrival, arrivesAt);
    }

    private async Task PlaceOneAsync(TrafficConfig config, Arrival arrival, DateTimeOffset at)
    {
        try
        {
            if (await PlaceAsync(config, arrival, at))
            {
                _placed++;
            }
            else
            {
                _skipped++;
            }
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            _skipped++;
            logger.LogWarning(error, "Traffic {Generator} could not place a call", this.GetPrimaryKeyString());
        }
    }

    private Task<bool> PlaceAsync(TrafficConfig config, Arrival arrival, DateTimeOffset at) => config.Kind switch
    {
        TrafficKind.Inbound => PlaceInboundAsync(config, arrival, at),
        _ => PlaceFromExtensionAsync(config, arrival, at),
    };

    private async Task<bool> PlaceInboundAsync(TrafficConfig config, Arrival arrival, DateTimeOffset at)
    {
        var result = await pbx.InboundAsync(Tenant, new InboundCallRequest
        {
            CallerIdNumber = arrival.CallerId,
            Destination = config.Target,
            Trunk = config.Trunk.Length > 0 ? config.Trunk : "trunk",
            PatienceSeconds = arrival.Patience,
            TalkSeconds = arrival.Talk,
            Seed = arrival.Seed,
            At = at,
        });
        return result.IsOk;
    }

    private async Task<bool> PlaceFromExtensionAsync(TrafficConfig config, Arrival arrival, DateTimeOffset at)
    {
        var sources = config.Sources;
        var views = await Task.WhenAll(sources.Select(s => pbx.Extension(Tenant, s).GetAsync()));
        var free = views.Where(v => v.Exists && v.Registered && v.DeviceState == DeviceState.NotInUse).Select(v => v.Config.Number).ToList();
        if (free.Count == 0)
        {
            return false;
        }

        var source = free[Math.Min(free.Count - 1, (int)(arrival.Pick * free.Count))];
        var destination = arrival.Destination;
        if (destination.Length == 0)
        {
            // Internal traffic without destinations calls one of the other sources.
            var others = sources.Where(s => s != source).ToList();
            if (others.Count == 0)
            {
                return false;
            }

            destination = others[Math.Min(others.Count - 1, (int)(arrival.Pick2 * others.Count))];
        }

        var result = await pbx.DialAsync(Tenant, new DialRequest
        {
            FromExtension = source,
            Destination = destination,
            Seed = arrival.Seed,
            TalkSeconds = arrival.Talk,
            At = at,
        });
        return result.IsOk;
    }

    private Arrival Draw(TrafficConfig config) => new(
        CallerId: config.CallerIds.IsDefaultOrEmpty ? NumberPattern.Expand(config.CallerIdPattern, _random) : config.CallerIds[_random.Next(config.CallerIds.Length)],
        Patience: config.Patience is { } patience ? Sampler.DrawSeconds(patience, _random) : null,
        Talk: config.TalkTime is { } talk ? Sampler.DrawSeconds(talk, _random) : null,
        Seed: _random.Next(),
        Pick: _random.NextDouble(),
        Pick2: _random.NextDouble(),
        Destination: config.Destinations.IsDefaultOrEmpty ? "" : NumberPattern.Expand(config.Destinations[_random.Next(config.Destinations.Length)], _random));

    private void Prepare(TrafficConfig config, int seed)
    {
        _random = new ResumableRandom(seed);
        _arrivals = new ArrivalProcess(config.CallsPerHour, config.HourlyProfile, _random);
    }

    /// <summary>
    /// Draws the arrival after <paramref name="after"/> and sets the timer for it (at once when it is already due); none
    /// at or after the configured stop.
    /// </summary>
    private void ScheduleNext(DateTimeOffset after)
    {
        _nextArrival = _arrivals?.Next(after);
        if (_nextArrival >= state.State.Config?.StopAt)
        {
            _nextArrival = null;
        }

        if (_nextArrival is { } at)
        {
            Schedule(at);
        }
    }

    /// <summary>The timer for an arrival due at <paramref name="at"/> (claimed with that instant), or for a step of a long wait.</summary>
    private void Schedule(DateTimeOffset at) =>
        _timer = at - clock.Now > MaxTimerDelay ? _timers.Schedule(MaxTimerDelay) : _timers.ScheduleAt(at);

    /// <summary>Starts the arrivals from <paramref name="from"/>, after the initial burst when there is one (both draw from the one source, in order).</summary>
    private void Begin(DateTimeOffset from)
    {
        if (state.State.Config is { InitialCalls: > 0 })
        {
            _burst = _timers.ScheduleAt(from);
        }

        ScheduleNext(from);
    }

    private void Stop()
    {
        _timers.Cancel(_burst);
        _burst = null;
        StopArrivals();
    }

    private void StopArrivals()
    {
        _timers.Cancel(_timer);
        _timer = null;
        _nextArrival = null;
    }

    private PbxResult NotFound() => PbxResult.Fail(DomainError.TrafficNotFound, TenantKey.NameOf(this.GetPrimaryKeyString()));

    private sealed record Arrival(string CallerId, double? Patience, double? Talk, int Seed, double Pick, double Pick2, string Destination);
}

[GenerateSerializer, Alias("pbx.traffic-state")]
public sealed record class TrafficState
{
    [Id(0)] public TrafficConfig? Config { get; init; }

    [Id(1)] public bool Running { get; init; }
}
