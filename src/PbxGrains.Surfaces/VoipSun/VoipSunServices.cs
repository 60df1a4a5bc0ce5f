using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PbxGrains.Abstractions.Client;

namespace PbxGrains.Surfaces.VoipSun;

/// <summary>What the api.php handlers share: the call model, the catalogue read model and a logger.</summary>
public sealed class VoipSunServices(PbxClient pbx, VoipSunReadModel directory, QueueSnapshotReader queues, ILogger logger)
{
    public PbxClient Pbx => pbx;

    public VoipSunReadModel Directory => directory;

    /// <summary>Queue pictures, fetched again only when they changed.</summary>
    public QueueSnapshotReader Queues => queues;

    public ILogger Logger => logger;

    public static VoipSunServices Create(IServiceProvider services)
    {
        var pbx = services.GetRequiredService<PbxClient>();
        var logger = services.GetService<ILoggerFactory>()?.CreateLogger<VoipSunServices>() ?? (ILogger)Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        // The read model ages entries on real time: it protects the tenant grain, it is not part of the simulation.
        return new VoipSunServices(pbx, new VoipSunReadModel(pbx.Grains, TimeProvider.System), services.GetRequiredService<QueueSnapshotReader>(), logger);
    }

    public static VoipSunServices Of(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<VoipSunServices>()
        ?? throw new InvalidOperationException("The endpoint was not mapped by MapVoipSun().");
}
