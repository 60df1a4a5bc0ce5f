using PbxGrains.Abstractions.Contracts;

namespace PbxGrains.Tests.Cluster.Simulation;

/// <summary>
/// The batch-means comparison of a long stepped run with a formula (see <see cref="ErlangCTests"/> for why batches):
/// each batch gives one estimate, and a two-sided 99.9 % Student t interval around their mean must hold the formula's value.
/// </summary>
public static class BatchMeans
{
    /// <summary>Student's t, 0.9995 quantile, with 10 − 1 = 9 degrees of freedom: a two-sided 99.9 % interval over ten batches.</summary>
    public const double TQuantileForTenBatches = 4.7809;

    public static Row Compare(string measure, double theory, IEnumerable<double> batchValues)
    {
        var values = batchValues.ToArray();
        if (values.Length != 10)
        {
            throw new ArgumentException($"the t quantile is for ten batches; there are {values.Length}", nameof(batchValues));
        }

        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1);
        var standardError = Math.Sqrt(variance / values.Length);
        return new Row(measure, theory, mean, standardError, TQuantileForTenBatches * standardError);
    }

    /// <summary>What a batch counted: the statistics at its end less those at its start.</summary>
    public static QueueStatistics Difference(QueueStatistics current, QueueStatistics previous) => current with
    {
        Offered = current.Offered - previous.Offered,
        Answered = current.Answered - previous.Answered,
        Completed = current.Completed - previous.Completed,
        Abandoned = current.Abandoned - previous.Abandoned,
        AnsweredAfterWaiting = current.AnsweredAfterWaiting - previous.AnsweredAfterWaiting,
        AbandonedAfterWaiting = current.AbandonedAfterWaiting - previous.AbandonedAfterWaiting,
        TotalWaitSeconds = current.TotalWaitSeconds - previous.TotalWaitSeconds,
        TotalTalkSeconds = current.TotalTalkSeconds - previous.TotalTalkSeconds,
        AnsweredWithinServiceLevel = current.AnsweredWithinServiceLevel - previous.AnsweredWithinServiceLevel,
        TotalAbandonWaitSeconds = current.TotalAbandonWaitSeconds - previous.TotalAbandonWaitSeconds,
    };

    public sealed record class Row(string Measure, double Theory, double Estimate, double StandardError, double Tolerance)
    {
        public bool Holds => Math.Abs(Estimate - Theory) <= Tolerance;
    }
}
