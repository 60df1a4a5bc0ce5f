namespace PbxGrains.Abstractions.Model;

/// <summary>Asterisk CDR dispositions.</summary>
public enum CdrDisposition
{
    NoAnswer = 0,
    Failed = 1,
    Busy = 2,
    Answered = 3,
    Congestion = 4,
}
