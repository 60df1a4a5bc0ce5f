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

    /// <summary>Failed credential checks one source address may make per window before error 13 (<see cref="FailedAttemptLimiter"/>).</summary>
    public int FailedAttemptsPerAddress { get; set; } = 30;

    public int FailedAttemptsWindowSeconds { get; set; } = 300;

    /// <summary>Source addresses the failure counter tracks at most in one process (its memory bound).</summary>
    public int MaxTrackedAddresses { get; set; } = 10_000;

    /// <summary>Brings values out of range back into it (a window below 0, no requests or attempts, a window shorter than a second, no address tracked).</summary>
    public void Clamp()
    {
        TimestampWindowSeconds = Math.Max(0, TimestampWindowSeconds);
        RateLimitRequests = Math.Max(1, RateLimitRequests);
        RateLimitWindowSeconds = Math.Max(1, RateLimitWindowSeconds);
        FailedAttemptsPerAddress = Math.Max(1, FailedAttemptsPerAddress);
        FailedAttemptsWindowSeconds = Math.Max(1, FailedAttemptsWindowSeconds);
        MaxTrackedAddresses = Math.Max(1, MaxTrackedAddresses);
    }
}
