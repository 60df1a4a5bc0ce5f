namespace PbxGrains.Abstractions.Model;

/// <summary>How a simulated phone reacts when it is called.</summary>
public enum PhoneMode
{
    /// <summary>It rings until a test or user answers, rejects or the ring timer expires.</summary>
    Manual = 0,
    AutoAnswer = 1,
    Busy = 2,
    DoNotDisturb = 3,

    /// <summary>It rings and is never answered.</summary>
    NoAnswer = 4,

    /// <summary>It rings briefly and the user declines the call.</summary>
    Reject = 5,
}
