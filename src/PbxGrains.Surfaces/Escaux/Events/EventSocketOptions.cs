namespace PbxGrains.Surfaces.Escaux.Events;

/// <summary>The XML event socket (configuration section <c>Escaux:EventSocket</c>).</summary>
public sealed class EventSocketOptions
{
    public const string SectionName = "Escaux:EventSocket";

    /// <summary>False: no socket is opened (ccPing still answers).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The product's port; 0 takes a free one (tests).</summary>
    public int Port { get; set; } = 5050;

    /// <summary>The address to listen on: every interface, as the product does.</summary>
    public string Address { get; set; } = "0.0.0.0";

    /// <summary>
    /// Events a connection may have waiting to be sent. A consumer that falls this far behind is dropped: the PBX
    /// never waits for a reader.
    /// </summary>
    public int BufferEvents { get; set; } = 1000;

    /// <summary>
    /// True: every tenant's events need its <c>surfaces.escaux.eventSocketPassword</c> (<c>tenant {id} {password}</c>),
    /// a connection follows nothing until it names one, and a tenant without a password cannot be followed. False (the
    /// default): only tenants that set a password need it.
    /// </summary>
    public bool RequireCredentials { get; set; }

    /// <summary>The socket's kernel send buffer, in bytes; 0 keeps the system's.</summary>
    public int SendBufferBytes { get; set; }
}
