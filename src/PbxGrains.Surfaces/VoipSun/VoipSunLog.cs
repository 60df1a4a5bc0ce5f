using Microsoft.Extensions.Logging;

namespace PbxGrains.Surfaces.VoipSun;

internal static partial class VoipSunLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "VoIPSUN dial for tenant {Tenant}: context {Context} does not exist, no call placed")]
    public static partial void LogDialIntoMissingContext(this ILogger logger, string tenant, string context);
}
