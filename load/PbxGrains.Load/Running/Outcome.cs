namespace PbxGrains.Load.Running;

/// <summary>What one scheduled operation (a poll, or a whole call set-up) came to.</summary>
public readonly record struct Outcome(OutcomeKind Kind, string? Error = null)
{
    public static readonly Outcome Ok = new(OutcomeKind.Ok);

    public static Outcome Failed(string error) => new(OutcomeKind.Error, error);

    /// <summary>
    /// An answer the host marked as a fault injected on purpose (<c>X-Pbx-Fault</c>, README "Faults on demand"):
    /// counted apart, never as an error, and kept out of the latency figures.
    /// </summary>
    public static Outcome Injected(string fault) => new(OutcomeKind.Injected, fault);

    /// <summary>The header the host marks an injected answer with, and the fault it names (null when unmarked).</summary>
    public const string FaultHeader = "X-Pbx-Fault";

    public static Outcome Of(HttpResponseMessage response, Outcome otherwise) =>
        response.Headers.TryGetValues(FaultHeader, out var faults) ? Injected(string.Join(",", faults)) : otherwise;
}

public enum OutcomeKind
{
    Ok,
    Error,
    Timeout,

    /// <summary>An injected fault (<see cref="Outcome.Injected"/>): not a failure of the host.</summary>
    Injected,
}
