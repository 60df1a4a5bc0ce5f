using PbxGrains.Host.Scenarios.Reading;

namespace PbxGrains.Host.Scenarios.Documents;

/// <summary>
/// A duration in seconds: exactly one of <c>{constant: 3}</c>, <c>{exponential: 120}</c> (mean),
/// <c>{uniform: [1, 4]}</c> or <c>{lognormal: {mean: 180, sd: 60}}</c>; a bare number is a constant.
/// </summary>
public sealed class DistributionDocument : IScalarShorthand
{
    public double? Constant { get; set; }

    public double? Exponential { get; set; }

    public List<double>? Uniform { get; set; }

    public LogNormalDocument? Lognormal { get; set; }

    public bool TrySetFromScalar(DocScalar scalar)
    {
        if (scalar.TryGetDouble(out var seconds))
        {
            Constant = seconds;
            return true;
        }

        return false;
    }
}

public sealed class LogNormalDocument
{
    public double? Mean { get; set; }

    public double? Sd { get; set; }
}
