namespace PbxGrains.Load.Running;

/// <summary>What one scheduled operation (a poll, or a whole call set-up) came to.</summary>
public readonly record struct Outcome(OutcomeKind Kind, string? Error = null)
{
    public static readonly Outcome Ok = new(OutcomeKind.Ok);

    public static Outcome Failed(string error) => new(OutcomeKind.Error, error);
}

public enum OutcomeKind
{
    Ok,
    Error,
    Timeout,
}
