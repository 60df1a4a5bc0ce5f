namespace PbxGrains.Surfaces.Taridium;

/// <summary>The document's error texts, byte for byte, as the scripts echo them (with no line break after).</summary>
public static class TaridiumErrors
{
    public static ReadOnlySpan<byte> NoChannel => "ERROR: NO CHANNEL SUPPLIED"u8;

    public static ReadOnlySpan<byte> NoQueueName => "ERROR: NO QUEUE NAME SUPPLIED"u8;

    public static ReadOnlySpan<byte> SslRequired => "ERROR: SSL QUERY REQUIRED"u8;

    public static ReadOnlySpan<byte> AuthenticationFailed => "ERROR: AUTHENTICATION FAILED"u8;
}
