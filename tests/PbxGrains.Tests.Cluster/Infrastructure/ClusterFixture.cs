using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Storage;
using Orleans.TestingHost;
using PbxGrains.Client;
using PbxGrains.Grains.Cdrs;
using PbxGrains.Grains.Hosting;
using PbxGrains.Grains.Recordings;

namespace PbxGrains.Tests.Cluster.Infrastructure;

/// <summary>
/// One two-silo cluster for the whole suite. The call model runs on <see cref="Time"/>, a fake clock the tests move by
/// hand; it is handed to the silos only through <c>AddPbxGrains</c> (our own PbxClock), never registered as DI's
/// <see cref="TimeProvider"/>, because Orleans' membership and messaging timers must keep running on real time.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private InProcessTestCluster? _cluster;
    private PbxClient? _pbx;

    /// <summary>
    /// The stores' bounds in this cluster: small segments, so a test crosses many of them with a few hundred records,
    /// and bounds a test can pass; no other test writes this many CDRs or recordings per tenant.
    /// </summary>
    public const int CdrSegmentSize = 8;

    public const int MaxCdrsPerTenantDay = 256;

    public const int RecordingSegmentSize = 8;

    public const int MaxRecordingsPerTenant = 256;

    public FakeTimeProvider Time { get; } = new(Start);

    /// <summary>Every write the silos made to the <c>pbx</c> storage, with its size.</summary>
    public StorageWrites Writes { get; } = new();

    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not deployed.");

    public PbxClient Pbx => _pbx ?? throw new InvalidOperationException("The cluster is not deployed.");

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(PbxStorage.Name);

            // The same in-memory storage, measured: the last registration of the name is the one grains get.
            silo.Services.AddKeyedSingleton<IGrainStorage>(PbxStorage.Name, (services, _) => new MeasuredGrainStorage(
                MemoryGrainStorageFactory.Create(services, PbxStorage.Name), services.GetRequiredService<IGrainStorageSerializer>(), Writes));
            silo.AddPbxGrains(Time);
            silo.Services.Configure<CdrStoreOptions>(o =>
            {
                o.SegmentSize = CdrSegmentSize;
                o.MaxRecordsPerTenantDay = MaxCdrsPerTenantDay;
            });
            silo.Services.Configure<RecordingStoreOptions>(o =>
            {
                o.MaxFilesPerTenant = MaxRecordingsPerTenant;
                o.SegmentSize = RecordingSegmentSize;
            });
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
        _pbx = new PbxClient(_cluster.Client, new SequenceSource(_cluster.Client), new PbxClock(Time));
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}

/// <summary>Every cluster test class joins this collection, so the suite deploys one cluster and shares one clock.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
