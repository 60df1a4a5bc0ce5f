using Microsoft.Extensions.Logging;

namespace PbxGrains.Surfaces.VoipSun;

internal static partial class VoipSunLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "VoIPSUN dial for tenant {Tenant}: context {Context} does not exist, no call placed")]
    public static partial void LogDialIntoMissingContext(this ILogger logger, string tenant, string context);

    [LoggerMessage(Level = LogLevel.Information, Message = "VoIPSUN dial for tenant {Tenant}: destination {Destination} refused ({Error}: {Detail}), no call placed")]
    public static partial void LogDialRefused(this ILogger logger, string tenant, string destination, PbxGrains.Abstractions.Model.DomainError error, string? detail);
}
