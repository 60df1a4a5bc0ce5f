namespace PbxGrains.Client;

/// <summary>
/// The one clock of the call model. Every timestamp and timer of the simulation comes from <see cref="Time"/>, so a
/// test can drive it by hand and a study can run it faster than real time. It is a type of its own rather than a
/// registered <see cref="TimeProvider"/> so that Orleans' own timers (membership, messaging) never run on a fake clock.
/// </summary>
public sealed class PbxClock(TimeProvider time)
{
    public static PbxClock System { get; } = new(TimeProvider.System);

    public TimeProvider Time => time;

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Simulated seconds per real second: a scaled or paced clock's speed, 1 for any other.</summary>
    public double Speed => time is IScaledTime scaled ? scaled.Speed : 1;

    /// <summary>Whether events are taken in due order, one at a time (<see cref="IScaledTime.Exact"/>): the stepped and the paced clock.</summary>
    public bool Exact => time is IScaledTime { Exact: true };

    /// <summary>How far an exact clock is behind its pace now (<see cref="IScaledTime.Behind"/>); zero for any other.</summary>
    public TimeSpan Behind => time is IScaledTime scaled ? scaled.Behind : TimeSpan.Zero;
}
