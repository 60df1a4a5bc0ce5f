namespace PbxGrains.Surfaces.Hosting;

/// <summary>What the host lets its surfaces do beyond answering HTTP.</summary>
public sealed class SurfaceHostingOptions
{
    /// <summary>
    /// Whether a surface may open a socket of its own (Escaux's event socket). A process that serves no API (a silo
    /// only) sets it false: its surfaces answer nothing, and a socket would take the port of an API process beside it.
    /// </summary>
    public bool OpenSockets { get; set; } = true;
}
