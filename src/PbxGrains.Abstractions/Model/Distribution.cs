namespace PbxGrains.Abstractions.Model;

public enum DistributionKind
{
    Constant = 0,
    Exponential = 1,
    Uniform = 2,
    LogNormal = 3,
}

/// <summary>
/// A non-negative random duration in seconds. <see cref="A"/> and <see cref="B"/> depend on the kind:
/// constant (A = value), exponential (A = mean), uniform (A = min, B = max), lognormal (A = mean, B = standard deviation
/// of the duration itself, not of its logarithm — the form call-centre data is published in).
/// </summary>
[GenerateSerializer, Immutable, Alias("pbx.distribution")]
public sealed record class Distribution(
    [property: Id(0)] DistributionKind Kind,
    [property: Id(1)] double A,
    [property: Id(2)] double B = 0)
{
    public static Distribution Constant(double seconds) => new(DistributionKind.Constant, seconds);

    public static Distribution Exponential(double meanSeconds) => new(DistributionKind.Exponential, meanSeconds);

    public static Distribution Uniform(double minSeconds, double maxSeconds) => new(DistributionKind.Uniform, minSeconds, maxSeconds);

    public static Distribution LogNormal(double meanSeconds, double stdDevSeconds) => new(DistributionKind.LogNormal, meanSeconds, stdDevSeconds);

    /// <summary>The mean of the distribution, in seconds.</summary>
    public double Mean => Kind switch
    {
        DistributionKind.Uniform => (A + B) / 2,
        _ => A,
    };

    public string? Validate()
    {
        if (double.IsNaN(A) || double.IsNaN(B) || double.IsInfinity(A) || double.IsInfinity(B) || A < 0 || B < 0)
        {
            return "values must be finite and not negative";
        }

        return Kind switch
        {
            DistributionKind.Uniform when B < A => "max must not be below min",
            DistributionKind.Exponential or DistributionKind.LogNormal when A <= 0 => "mean must be positive",
            _ => null,
        };
    }
}
