namespace PbxGrains.Abstractions.Model;

/// <summary>
/// The outcome of a domain request: success, or a typed refusal that a surface translates. Grains return these
/// instead of throwing, so an illegal transition never escapes as a server error.
/// </summary>
[GenerateSerializer, Immutable, Alias("pbx.result")]
public sealed record class PbxResult(
    [property: Id(0)] DomainError Error,
    [property: Id(1)] string? Detail)
{
    public static readonly PbxResult Ok = new(DomainError.None, null);

    public bool IsOk => Error == DomainError.None;

    public static PbxResult Fail(DomainError error, string? detail = null) => new(error, detail);

    public override string ToString() => IsOk ? "Ok" : $"{Error}: {Detail}";
}

/// <summary>A value or a typed refusal.</summary>
[GenerateSerializer, Immutable, Alias("pbx.result`1")]
public sealed record class PbxResult<T>(
    [property: Id(0)] T? Value,
    [property: Id(1)] DomainError Error,
    [property: Id(2)] string? Detail)
{
    public bool IsOk => Error == DomainError.None;

    public static PbxResult<T> Success(T value) => new(value, DomainError.None, null);

    public static PbxResult<T> Fail(DomainError error, string? detail = null) => new(default, error, detail);

    public static implicit operator PbxResult<T>(PbxResult failure) =>
        failure.IsOk
            ? throw new InvalidOperationException("Only a failure converts to a typed result.")
            : new(default, failure.Error, failure.Detail);

    public PbxResult AsResult() => IsOk ? PbxResult.Ok : PbxResult.Fail(Error, Detail);

    public override string ToString() => IsOk ? $"Ok({Value})" : $"{Error}: {Detail}";
}
