using PbxGrains.Load.Cli;
using PbxGrains.Load.Reports;
using PbxGrains.Load.Running;
using PbxGrains.Load.Scenarios;

namespace PbxGrains.Tests.Load;

/// <summary>The runner's rules that need no host: open loop, validity, ratios and the command line.</summary>
public sealed class RunnerTests
{
    [Fact]
    public async Task The_runner_sends_later_operations_while_an_earlier_one_is_still_waiting()
    {
        // Operation 0 cannot finish until operation 5 has started: a closed-loop runner would wait for it and time out.
        var fifthStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stream = new LoadStream("gate", 100, async (i, ct) =>
        {
            if (i == 5)
            {
                fifthStarted.TrySetResult();
            }

            if (i == 0)
            {
                await fifthStarted.Task.WaitAsync(ct);
            }

            return Outcome.Ok;
        });

        var result = await OpenLoopRunner.RunAsync(new RunPlan("t", TimeSpan.Zero, TimeSpan.FromSeconds(0.2), TimeSpan.FromSeconds(30)), [stream],
            TextWriter.Null, TestContext.Current.CancellationToken);

        var s = Assert.Single(result.Streams);
        Assert.Equal(20, s.Sent);
        Assert.Equal((20L, 0L, 0L), (s.Recorder.Ok, s.Recorder.Errors, s.Recorder.Timeouts));
    }

    [Fact]
    public async Task Warm_up_operations_are_performed_but_not_recorded_and_failures_are_counted_by_kind()
    {
        var performed = 0;
        var stream = new LoadStream("mixed", 100, (i, ct) =>
        {
            Interlocked.Increment(ref performed);
            return Task.FromResult(i % 10 == 3 ? Outcome.Failed("boom") : Outcome.Ok);
        });

        var result = await OpenLoopRunner.RunAsync(new RunPlan("t", TimeSpan.FromSeconds(0.1), TimeSpan.FromSeconds(0.2), TimeSpan.FromSeconds(30)), [stream],
            TextWriter.Null, TestContext.Current.CancellationToken);

        var s = Assert.Single(result.Streams);
        Assert.Equal(30, performed);
        Assert.Equal(20, s.Sent);
        Assert.Equal((18L, 2L), (s.Recorder.Ok, s.Recorder.Errors));
        Assert.Equal(2, s.Recorder.ErrorSamples()["boom"]);
    }

    [Fact]
    public void A_phase_below_98_percent_of_its_offered_rate_or_with_errors_is_invalid_and_ratios_divide_by_the_baseline()
    {
        var target = Recorder(second: 0, millis: [2, 4, 6], failures: 1);
        var baseline = Recorder(second: 0, millis: [1, 2, 3], failures: 0);
        var plan = new RunPlan("p", TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        var slow = PhaseReport.From(new PhaseResult(plan,
        [
            new StreamResult("target", false, 100, 97, 3, 97, 0, target),
            new StreamResult("baseline", true, 20, 20, 0, 19.6, 0, baseline),
        ]), new Dictionary<string, string>());

        Assert.False(slow.Valid);
        Assert.Contains(slow.InvalidReasons, r => r.StartsWith("target: achieved 97/s", StringComparison.Ordinal));
        Assert.Contains(slow.InvalidReasons, r => r == "target: 1 errors and 0 timeouts");
        Assert.DoesNotContain(slow.InvalidReasons, r => r.StartsWith("baseline", StringComparison.Ordinal));
        var ratio = slow.Streams[0].RatioToBaseline!;
        Assert.Equal(2.0, ratio.P50, 1);
        Assert.Equal(2.0, ratio.Max, 1);
        Assert.Null(slow.Streams[1].RatioToBaseline);
    }

    [Fact]
    public async Task The_command_line_refuses_unknown_options_and_bad_numbers_before_any_host_is_started()
    {
        var log = new StringWriter();

        var exit = await LoadCommand.RunAsync(["queue-poll", "--rate", "fast", "--calss", "10", "--targets", "nope"], log, TestContext.Current.CancellationToken);

        Assert.Equal(LoadCommand.CouldNotRun, exit);
        var text = log.ToString();
        Assert.Contains("--rate: 'fast' is not a number", text, StringComparison.Ordinal);
        Assert.Contains("--calss: unknown option for 'queue-poll'", text, StringComparison.Ordinal);
        Assert.Contains("--targets: unknown target 'nope'", text, StringComparison.Ordinal);
        Assert.DoesNotContain("starting host", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ramp_starts_slow_sends_half_its_length_times_the_rate_and_then_keeps_the_full_rate()
    {
        var ramp = TimeSpan.FromSeconds(10);

        Assert.Equal(0.0, Schedule.DueSeconds(0, 100, ramp));
        Assert.True(Schedule.DueSeconds(1, 100, ramp) > 10 * Schedule.DueSeconds(1, 100, TimeSpan.Zero), "the first gaps are wide");
        Assert.Equal(10.0, Schedule.DueSeconds(500, 100, ramp), 6);
        Assert.Equal(0.01, Schedule.DueSeconds(501, 100, ramp) - Schedule.DueSeconds(500, 100, ramp), 6);
        Assert.Equal(Schedule.DueSeconds(1500, 100, TimeSpan.Zero) - Schedule.DueSeconds(1000, 100, TimeSpan.Zero),
            Schedule.DueSeconds(1500, 100, ramp) - Schedule.DueSeconds(1000, 100, ramp), 6);
        for (var i = 1; i < 700; i++)
        {
            Assert.True(Schedule.DueSeconds(i, 100, ramp) > Schedule.DueSeconds(i - 1, 100, ramp), "due times rise");
        }

        Assert.Equal(2.5, Schedule.DueSeconds(250, 100, TimeSpan.Zero));
    }

    private static LatencyRecorder Recorder(int second, double[] millis, int failures)
    {
        var recorder = new LatencyRecorder();
        foreach (var ms in millis)
        {
            recorder.Record(second, (long)(ms * 1000), Outcome.Ok);
        }

        for (var i = 0; i < failures; i++)
        {
            recorder.Record(second, 1000, Outcome.Failed("x"));
        }

        return recorder;
    }

    [Fact]
    public void A_soak_interval_without_calls_gives_no_ratio_and_no_growth_threshold_passes_it()
    {
        Assert.Equal(1.5, SoakScenario.Ratio(3, 2));
        Assert.True(double.IsNaN(SoakScenario.Ratio(3, 0)));
        Assert.True(double.IsNaN(SoakScenario.Ratio(double.NaN, 2)));
        Assert.False(new ThresholdCheck("host CPU per call, last interval / second", 1.2, SoakScenario.Ratio(double.NaN, 2), "×").Passed);
        Assert.False(new ThresholdCheck("whole-call p99, last interval / second", 1.2, SoakScenario.Ratio(5, 0), "×").Passed);
    }
}
