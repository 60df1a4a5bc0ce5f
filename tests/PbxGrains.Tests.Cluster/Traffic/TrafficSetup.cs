using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Abstractions.Model;
using PbxGrains.Tests.Cluster.Infrastructure;

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
/// The base of traffic tests: every tenant a test loads is scrapped when it ends, pass or fail. Its generators are
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
