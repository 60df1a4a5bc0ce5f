using Microsoft.Extensions.Configuration;

namespace PbxGrains.Surfaces.VoipCenter;

/// <summary>Host settings of the VoipCenter API (configuration section <c>Pbx:VoipCenter</c>).</summary>
public sealed class VoipCenterOptions
{
    public const string SectionName = "Pbx:VoipCenter";

    /// <summary>How far <c>ts</c> may be from the server's clock, in seconds (the document: 5).</summary>
    public int TimestampWindowSeconds { get; set; } = 5;

    /// <summary>Requests one API user may make per window in one process before error 13.</summary>
    public int RateLimitRequests { get; set; } = 60;

    public int RateLimitWindowSeconds { get; set; } = 60;

    public static VoipCenterOptions From(IConfiguration? configuration)
    {
        var options = new VoipCenterOptions();
        configuration?.GetSection(SectionName).Bind(options);
        options.TimestampWindowSeconds = Math.Max(0, options.TimestampWindowSeconds);
        options.RateLimitRequests = Math.Max(1, options.RateLimitRequests);
        options.RateLimitWindowSeconds = Math.Max(1, options.RateLimitWindowSeconds);
        return options;
    }
}
