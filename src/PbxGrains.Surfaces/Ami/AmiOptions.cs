namespace PbxGrains.Surfaces.Ami;

/// <summary>The manager interface's socket and limits (configuration section <c>Pbx:Ami</c>).</summary>
public sealed class AmiOptions
{
    public const string SectionName = "Pbx:Ami";

    /// <summary>False: no manager socket is opened.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Asterisk's port; 0 takes a free one (tests).</summary>
    public int Port { get; set; } = 5038;

    /// <summary>The address to listen on: every interface, as Asterisk's <c>bindaddr = 0.0.0.0</c>.</summary>
    public string Address { get; set; } = "0.0.0.0";

    /// <summary>
    /// Events and answers a session may have waiting to be sent. A consumer that falls this far behind is disconnected
    /// with a log line: the PBX never waits for a reader.
    /// </summary>
    public int BufferEvents { get; set; } = 5000;

    /// <summary>Bytes a session may have waiting to be sent; the same rule as <see cref="BufferEvents"/>.</summary>
    public long BufferBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>The socket's kernel send buffer, in bytes; 0 keeps the system's.</summary>
    public int SendBufferBytes { get; set; }

    /// <summary>Connections not yet logged in, over every tenant (Asterisk's <c>authlimit</c>); more are closed at once.</summary>
    public int MaxUnauthenticated { get; set; } = 50;

    /// <summary>Seconds a connection has to log in (Asterisk's <c>authtimeout</c>).</summary>
    public int AuthTimeoutSeconds { get; set; } = 30;

    /// <summary>Logged-in sessions a tenant may have in this process; a login beyond it is refused.</summary>
    public int MaxSessionsPerTenant { get; set; } = 200;

    /// <summary>The manager protocol version in the banner (<c>Asterisk Call Manager/7.0.3</c>: Asterisk 18's).</summary>
    public string ManagerVersion { get; set; } = "7.0.3";

    /// <summary>The Asterisk version <c>core show version</c> reports.</summary>
    public string AsteriskVersion { get; set; } = "18.20.0";
}
