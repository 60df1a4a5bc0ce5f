using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PbxGrains.Client;

namespace PbxGrains.Surfaces.VoipCenter;

/// <summary>What the VoipCenter handlers share, bound from the container for each request (<c>[AsParameters]</c>).</summary>
/// <param name="Pbx">The call model.</param>
/// <param name="Customers">The knummer → tenant read model.</param>
/// <param name="Limiter">Error 13's per-API-user counter (correctly signed requests).</param>
/// <param name="Failures">Error 13's per-address counter of failed credential checks.</param>
/// <param name="Options">The host's settings of the API.</param>
/// <param name="Time">The surface's clock (<see cref="ClockKey"/>).</param>
/// <param name="Logger">What the API logs (its category is this type's).</param>
public sealed record class VoipCenterServices(
    PbxClient Pbx,
    VoipCenterReadModel Customers,
    ApiUserRateLimiter Limiter,
    FailedAttemptLimiter Failures,
    IOptions<VoipCenterOptions> Options,
    [FromKeyedServices(VoipCenterServices.ClockKey)] TimeProvider Time,
    ILogger<VoipCenterServices> Logger)
{
    /// <summary>
    /// The surface's clock is the <see cref="TimeProvider"/> under this key: real time, unless a test replaces it, for
    /// <c>ts</c> checks, the read model's age and the rate limit's windows. <c>ts</c> is checked against real time, not
    /// the simulation clock: a client signs with its own wall clock whatever speed the simulation runs at.
    /// </summary>
    public const string ClockKey = "Pbx:VoipCenter:Clock";
}
