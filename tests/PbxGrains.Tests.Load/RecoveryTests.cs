using System.Diagnostics;
using PbxGrains.Load.Running;

namespace PbxGrains.Tests.Load;

/// <summary>When requests count as succeeding again after a disturbance (the chaos scenario's recovery), on made-up outcomes.</summary>
public sealed class RecoveryTests
{
    private const long From = 1_000_000;
    private static readonly long Second = Stopwatch.Frequency;

    [Fact]
    public void Requests_recover_at_the_start_of_the_first_run_of_good_seconds_as_long_as_the_quiet_gap()
    {
        // Seconds 0-2 fail entirely, 3-9 succeed.
        var outcomes = Seconds(10, k => k < 3 ? 20 : 0);

        var recovered = Recovery.RecoveredAt(outcomes, From, From + (10 * Second), 2, 0.1, TimeSpan.FromSeconds(5));

        Assert.Equal(From + (3 * Second), recovered);
    }

    [Fact]
    public void Until_the_quiet_gap_has_passed_in_good_seconds_there_is_no_recovery_yet()
    {
        var outcomes = Seconds(10, k => k < 3 ? 20 : 0);

        Assert.Null(Recovery.RecoveredAt(outcomes, From, From + (7 * Second), 2, 0.1, TimeSpan.FromSeconds(5)));
        Assert.Null(Recovery.RecoveredAt(outcomes, From, From + (10 * Second), 2, 0.1, TimeSpan.FromSeconds(8)));
    }

    [Fact]
    public void A_trickle_below_the_share_allowed_does_not_hold_recovery_back_and_with_no_share_allowed_it_does()
    {
        // After the outage one request in twenty fails every other second.
        var outcomes = Seconds(12, k => k < 2 ? 20 : k % 2);

        Assert.Equal(From + (2 * Second), Recovery.RecoveredAt(outcomes, From, From + (12 * Second), 2, 0.1, TimeSpan.FromSeconds(5)));
        Assert.Null(Recovery.RecoveredAt(outcomes, From, From + (12 * Second), 2, 0, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void Each_workload_is_judged_on_its_own_requests()
    {
        // Workload 1 sends little and fails all of it in seconds 0-3; workload 0's many successes do not hide that.
        var outcomes = Seconds(10, _ => 0).Concat(Enumerable.Range(0, 10).Select(k =>
            new OutcomeLog.Entry(From + (k * Second) + 5, 1, k < 4 ? OutcomeKind.Timeout : OutcomeKind.Ok))).ToList();

        Assert.Equal(From + (4 * Second), Recovery.RecoveredAt(outcomes, From, From + (10 * Second), 2, 0.1, TimeSpan.FromSeconds(5)));
    }

    /// <summary>Twenty requests of workload 0 per second, of which <paramref name="failures"/>(second) fail.</summary>
    private static List<OutcomeLog.Entry> Seconds(int seconds, Func<int, int> failures) =>
        Enumerable.Range(0, seconds).SelectMany(k => Enumerable.Range(0, 20).Select(i =>
            new OutcomeLog.Entry(From + (k * Second) + (i * Second / 20), 0, i < failures(k) ? OutcomeKind.Error : OutcomeKind.Ok))).ToList();
}
