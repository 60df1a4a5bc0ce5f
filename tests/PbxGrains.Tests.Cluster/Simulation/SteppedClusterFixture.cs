using Orleans.TestingHost;
using PbxGrains.Client;
using PbxGrains.Grains.Hosting;
using PbxGrains.Grains.Simulation.Stepping;

namespace PbxGrains.Tests.Cluster.Simulation;

/// <summary>
/// A two-silo cluster of its own whose call model runs on a <see cref="SteppedTimeProvider"/> driven by a
/// <see cref="SimulationDriver"/>; both silos and the client count their work in one <see cref="WorkTracker"/>. The
/// shared fixture keeps its hand-moved fake clock, so stepped tests live in their own collection.
/// </summary>
public sealed class SteppedClusterFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private InProcessTestCluster? _cluster;
    private PbxClient? _pbx;

    public SteppedTimeProvider Clock { get; } = new(Start);

    public WorkTracker Work { get; } = new();

    public SimulationDriver Driver { get; }

    /// <summary>Sees every call the silos' and the client's outgoing filters see, to show which runtime counts what.</summary>
    public CallProbe SiloProbe { get; } = new();

    public CallProbe ClientProbe { get; } = new();

    public SteppedClusterFixture() => Driver = new SimulationDriver(Clock, Work);

    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not deployed.");

    public PbxClient Pbx => _pbx ?? throw new InvalidOperationException("The cluster is not deployed.");

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(PbxStorage.Name);
            silo.AddPbxGrains(Clock);
            silo.AddWorkTracking(Work);
            silo.AddOutgoingGrainCallFilter(SiloProbe);
        });
        builder.ConfigureClient(client =>
        {
            client.AddWorkTracking(Work);
            client.AddOutgoingGrainCallFilter(ClientProbe);
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
        _pbx = new PbxClient(_cluster.Client, new SequenceSource(_cluster.Client), new PbxClock(Clock));
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}

/// <summary>The stepped cluster's collection: its tests run one after another on the one stepped clock.</summary>
[CollectionDefinition(Name)]
public sealed class SteppedClusterCollection : ICollectionFixture<SteppedClusterFixture>
{
    public const string Name = "stepped-cluster";
}
