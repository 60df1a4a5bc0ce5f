namespace PbxGrains.Client;

/// <summary>A clock of the call model that runs at a speed of its own (<see cref="PbxClock.Speed"/>).</summary>
public interface IScaledTime
{
    /// <summary>Simulated seconds per real second.</summary>
    double Speed { get; }

    /// <summary>
    /// Whether events are taken one at a time in the order they are due, each with every consequence settled before the
    /// next (the stepped clock and the paced one): a run is then the exact sample path of its seed, and a host that
    /// cannot keep up slows its clock down instead of taking events late.
    /// </summary>
    bool Exact { get; }

    /// <summary>
    /// How far the clock is behind the pace its speed sets, now (simulated time): only an exact clock waits for the
    /// host, so only its can grow; a scaled clock's is zero (its lateness is in the timers it fires late).
    /// </summary>
    TimeSpan Behind { get; }
}
