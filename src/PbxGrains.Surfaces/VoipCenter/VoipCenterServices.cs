using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PbxGrains.Abstractions.Client;
using PbxGrains.Surfaces.Tenancy;

namespace PbxGrains.Surfaces.VoipCenter;

/// <summary>
/// What the VoipCenter handlers share: the call model, the knummer → tenant read model, the per-API-user rate limiter
/// and the host options. It rides on the endpoints' metadata, so wiring stays one line (<c>app.MapVoipCenter()</c>).
/// </summary>
public sealed class VoipCenterServices(
    PbxClient pbx, TenantCredentialDirectory customers, ApiUserRateLimiter limiter, VoipCenterOptions options, TimeProvider time, ILogger logger)
{
    /// <summary>
    /// A keyed <see cref="TimeProvider"/> under this key replaces real time for <c>ts</c> checks, the read model's age and
    /// the rate limit's windows (tests). <c>ts</c> is checked against real time, not the simulation clock: a client signs
    /// with its own wall clock whatever speed the simulation runs at.
    /// </summary>
    public const string ClockKey = "Pbx:VoipCenter:Clock";

    public PbxClient Pbx => pbx;

    public TenantCredentialDirectory Customers => customers;

    public ApiUserRateLimiter Limiter => limiter;

    public VoipCenterOptions Options => options;

    public TimeProvider Time => time;

    public ILogger Logger => logger;

    public static VoipCenterServices Create(IServiceProvider services)
    {
        var pbx = services.GetRequiredService<PbxClient>();
        var options = VoipCenterOptions.From(services.GetService<IConfiguration>());
        var time = services.GetKeyedService<TimeProvider>(ClockKey) ?? TimeProvider.System;
        var logger = services.GetService<ILoggerFactory>()?.CreateLogger<VoipCenterServices>() ?? (ILogger)Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        return new VoipCenterServices(
            pbx,
            new TenantCredentialDirectory(pbx.Grains, VoipCenterSettings.SurfaceName, VoipCenterSettings.KnummerKey, time),
            new ApiUserRateLimiter(options.RateLimitRequests, TimeSpan.FromSeconds(options.RateLimitWindowSeconds), time),
            options,
            time,
            logger);
    }

    public static VoipCenterServices Of(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<VoipCenterServices>()
        ?? throw new InvalidOperationException("The endpoint was not mapped by MapVoipCenter().");
}
