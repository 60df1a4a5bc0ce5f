using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Abstractions.Model;
using PbxGrains.Client;
using PbxGrains.Tests.Cluster.Infrastructure;
using PbxGrains.Tests.Cluster.Simulation;

namespace PbxGrains.Tests.Cluster.Traffic;

/// <summary>Tenants with traffic generators, and the questions traffic tests ask.</summary>
public static class TrafficSetup
{
    public const string Queue = "sales";
    public const string Number = "600";

    /// <summary>A queue whose one member is paused, so every caller waits, and the given generators.</summary>
    public static TenantDefinition QueueTenant(string id, params TrafficConfig[] traffic) =>
        Define.Tenant(id, [Define.Phone("4001")]) with
        {
            Queues = [Define.Queue(Queue, Number, QueueStrategy.RingAll, Define.Member("4001", paused: true))],
            Traffic = [.. traffic],
        };

    public static TrafficConfig Inbound(string name, double callsPerHour, int initialCalls = 0) => new()
    {
        Name = name,
        Kind = TrafficKind.Inbound,
        Target = Number,
        CallsPerHour = callsPerHour,
        InitialCalls = initialCalls,
    };

    /// <summary>The tenant's own rule says every outside number answers after a second.</summary>
    public static readonly TenantSettings AnsweringWorld = new()
    {
        OutsideWorld = [new ExternalRule { Pattern = "_X.", Outcome = ExternalOutcome.Answer, Delay = Distribution.Constant(1) }],
    };

    /// <summary>Three manual phones in a tenant whose outside world answers, and the given generator.</summary>
    public static TenantDefinition Office(string id, TrafficConfig traffic) =>
        Define.Tenant(id, [Define.Phone("4001"), Define.Phone("4002"), Define.Phone("4003")]) with { Settings = AnsweringWorld, Traffic = [traffic] };

    /// <summary>A stopped outbound generator that calls the magic busy number once when started.</summary>
    public static TrafficConfig Outbound(params string[] sources) => new()
    {
        Name = "out",
        Kind = TrafficKind.Outbound,
        Sources = [.. sources],
        Destinations = ["5550102"],
        InitialCalls = 1,
        Enabled = false,
    };

    /// <summary>The generator once it has taken its configuration (the tenant hands it over one way).</summary>
    public static Task<TrafficView> AppliedAsync(this ITrafficGrain generator) =>
        Wait.Until(generator.GetAsync, v => v.Exists, "the generator to take its configuration");

    /// <summary>
    /// The generator once every arrival due by <paramref name="now"/> has been placed. A due arrival fires at once and
    /// the next one is drawn before the call is placed, in the same turn; a reading that shows the next arrival after
    /// now therefore comes after every placement due by now.
    /// </summary>
    public static Task<TrafficView> CaughtUpAsync(this ITrafficGrain generator, DateTimeOffset now) =>
        Wait.Until(generator.GetAsync, v => v.NextArrival > now, $"the generator to place every arrival due by {now:O}");
}

/// <summary>
/// The base of traffic tests whose outcome depends on when timers fire and in which order their consequences land:
/// they run on the stepped cluster, where a run returns only once every consequence of every timer due by its end has
/// happened, so a test reads the outcome at once, exactly, and "nothing happened" means nothing will. Every tenant a
/// test loads is deleted when it ends, pass or fail, with its generators and calls, so nothing of it goes on running
/// under the next test's steps.
/// </summary>
[Collection(SteppedClusterCollection.Name)]
public abstract class SteppedTrafficTest(SteppedClusterFixture fixture) : IAsyncLifetime
{
    private readonly List<string> _tenants = [];

    protected PbxClient Pbx => fixture.Pbx;

    protected DateTimeOffset Now => fixture.Driver.Now;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    protected static string NewTenantId() => "st" + Guid.NewGuid().ToString("N");

    /// <summary>Runs the simulation to <paramref name="instant"/>: every timer due by then fires, one at a time.</summary>
    protected Task RunUntilAsync(DateTimeOffset instant) => fixture.Driver.RunUntilAsync(instant, Cancellation);

    protected Task RunForAsync(double seconds) => fixture.Driver.RunForAsync(TimeSpan.FromSeconds(seconds), Cancellation);

    /// <summary>Fires what is due now (a zero-delay timer, a one-way hand-over) without moving the clock.</summary>
    protected Task RunDueAsync() => fixture.Driver.RunUntilAsync(Now, Cancellation);

    /// <summary>Loads a tenant and hands back its generator <paramref name="generator"/>, which has its configuration by then.</summary>
    protected async Task<(string Tenant, ITrafficGrain Generator)> LoadWithAsync(TenantDefinition definition, string generator)
    {
        _tenants.Add(definition.Id);
        var loaded = await Pbx.Tenant(definition.Id).LoadAsync(definition, replace: false);
        Assert.True(loaded.IsOk, $"the test tenant should load: {loaded}");
        await RunDueAsync();
        var traffic = Pbx.Traffic(definition.Id, generator);
        Assert.True((await traffic.GetAsync()).Exists, $"generator {generator} should have its configuration once loading has settled");
        return (definition.Id, traffic);
    }

    protected Task<QueueSnapshot> QueueAsync(string tenant) => Pbx.Queue(tenant, TrafficSetup.Queue).GetSnapshotAsync();

    /// <summary>The CDR of a call, from the log of the day the call started.</summary>
    protected async Task<CdrRecord> CdrAsync(string tenant, CallSnapshot call) =>
        Assert.Single(await Pbx.ListCdrsAsync(tenant, DateOnly.FromDateTime(call.Started.UtcDateTime)), c => c.UniqueId == call.CallId);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var tenant in _tenants)
        {
            await Pbx.DeleteTenantAsync(tenant);
        }

        await fixture.Driver.SettleAsync(Cancellation);
        GC.SuppressFinalize(this);
    }
}

/// <summary>
/// The base of traffic tests on the shared cluster's hand-moved clock, for what does not depend on timer order (or,
/// like a clock moved in one long step, cannot be said on the stepped one): every tenant a test loads is scrapped when
/// it ends, pass or fail. Its generators are
/// stopped and its calls hung up, so nothing of the test goes on running on the shared clock while later tests move it.
/// </summary>
public abstract class TrafficTest(ClusterFixture fixture) : ClusterTest(fixture), IAsyncLifetime
{
    private readonly List<TenantDefinition> _loaded = [];

    /// <summary>Loads a tenant and hands back its generator <paramref name="generator"/> once it has its configuration.</summary>
    protected async Task<(TestTenant Tenant, ITrafficGrain Generator)> LoadWithAsync(TenantDefinition definition, string generator)
    {
        var tenant = await LoadTrackedAsync(definition);
        var traffic = Pbx.Traffic(tenant.Id, generator);
        await traffic.AppliedAsync();
        return (tenant, traffic);
    }

    protected Task<TestTenant> LoadTrackedAsync(TenantDefinition definition)
    {
        _loaded.Add(definition);
        return LoadAsync(definition);
    }

    /// <summary>Remembers a definition a test loads by other means (a replacement), so its generators are stopped too.</summary>
    protected void Track(TenantDefinition definition) => _loaded.Add(definition);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var definition in _loaded)
        {
            foreach (var generator in definition.Traffic)
            {
                await Pbx.Traffic(definition.Id, generator.Name).StopAsync();
            }
        }

        foreach (var tenant in _loaded.Select(d => d.Id).Distinct())
        {
            foreach (var call in await Pbx.ListCallsAsync(tenant))
            {
                await Pbx.Call(tenant, call.CallId).HangupAsync(null, HangupCause.NormalClearing);
            }

            await Pbx.Tenant(tenant).DeleteAsync();
        }

        GC.SuppressFinalize(this);
    }
}
