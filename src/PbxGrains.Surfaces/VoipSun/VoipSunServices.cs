using Microsoft.Extensions.Logging;
using PbxGrains.Client;

namespace PbxGrains.Surfaces.VoipSun;

/// <summary>What the api.php handlers share, bound from the container for each request (<c>[AsParameters]</c>).</summary>
/// <param name="Pbx">The call model.</param>
/// <param name="Directory">The catalogue read model.</param>
/// <param name="Queues">Queue pictures, fetched again only when they changed.</param>
/// <param name="Logger">What the API logs (its category is this type's).</param>
public sealed record class VoipSunServices(PbxClient Pbx, VoipSunReadModel Directory, QueueSnapshotReader Queues, ILogger<VoipSunServices> Logger);
