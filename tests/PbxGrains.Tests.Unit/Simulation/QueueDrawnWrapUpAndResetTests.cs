using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Grains.StateMachines;

namespace PbxGrains.Tests.Unit.Simulation;

/// <summary>What traffic adds to the queue machine: a wrap-up drawn after each call, and statistics that start at a time.</summary>
public sealed class QueueDrawnWrapUpAndResetTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 14, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_member_with_a_drawn_constant_wrap_up_is_not_offered_until_it_ends()
    {
        var queue = Queue(c => c with { WrapUpSeconds = 5, WrapUpTime = Distribution.Constant(20) });
        Serve(queue, "c1", T0);
        queue.Join(Entry("c2"), At(11));

        Assert.Equal(At(30), Assert.Single(queue.Snapshot(1).Members).WrapUpUntil);
        Assert.Empty(queue.Distribute(At(11), AllFree));
        Assert.Equal(At(30), queue.NextWakeUp(At(11)));
        Assert.Empty(queue.Distribute(At(29.9), AllFree));
        Assert.Equal(("c2", "4001"), Single(queue.Distribute(At(30), AllFree)));
    }

    [Fact]
    public void A_drawn_wrap_up_of_zero_leaves_the_member_free_at_once()
    {
        var queue = Queue(c => c with { WrapUpSeconds = 30, WrapUpTime = Distribution.Constant(0) });
        Serve(queue, "c1", T0);
        queue.Join(Entry("c2"), At(10));

        Assert.Null(Assert.Single(queue.Snapshot(1).Members).WrapUpUntil);
        Assert.Equal(("c2", "4001"), Single(queue.Distribute(At(10), AllFree)));
    }

    [Fact]
    public void A_wrap_up_is_drawn_afresh_after_each_call_within_its_distribution()
    {
        var queue = Queue(c => c with { WrapUpTime = Distribution.Uniform(10, 20) });
        var wrapUps = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            var start = At(i * 100);
            Serve(queue, $"c{i}", start);
            wrapUps.Add((Assert.Single(queue.Snapshot(1).Members).WrapUpUntil!.Value - start.AddSeconds(10)).TotalSeconds);
        }

        Assert.All(wrapUps, w => Assert.InRange(w, 10, 20));
        Assert.True(wrapUps.Distinct().Count() > 1, "every call drew the same wrap-up");
    }

    [Fact]
    public void The_same_queue_seed_draws_the_same_wrap_ups()
    {
        IEnumerable<DateTimeOffset?> WrapUps(int seed)
        {
            var queue = Queue(c => c with { WrapUpTime = Distribution.Exponential(30) }, seed);
            for (var i = 0; i < 10; i++)
            {
                Serve(queue, $"c{i}", At(i * 1000));
                yield return queue.Snapshot(1).Members[0].WrapUpUntil;
            }
        }

        Assert.Equal(WrapUps(5).ToList(), WrapUps(5).ToList());
    }

    [Fact]
    public void Resetting_statistics_since_a_time_starts_them_then_and_keeps_the_service_level()
    {
        var queue = Queue(c => c with { ServiceLevelSeconds = 25 });
        Serve(queue, "c1", T0);
        queue.Join(Entry("c2"), At(20));
        queue.Abandon("c2", At(30));

        queue.ResetStatistics(At(60));

        Assert.Equal(new QueueStatistics { ServiceLevelSeconds = 25, Since = At(60) }, queue.Statistics);
        Assert.Equal(0, Assert.Single(queue.Snapshot(1).Members).TalkSeconds);
    }

    [Fact]
    public void Statistics_after_a_reset_count_only_what_happens_after_it()
    {
        var queue = Queue();
        Serve(queue, "c1", T0);
        queue.ResetStatistics(At(60));

        Serve(queue, "c2", At(100));

        var statistics = queue.Statistics;
        Assert.Equal((1, 1, 1, 0), (statistics.Offered, statistics.Answered, statistics.Completed, statistics.Abandoned));
        Assert.Equal(At(60), statistics.Since);
        Assert.Equal(9, Assert.Single(queue.Snapshot(1).Members).TalkSeconds);
    }

    [Fact]
    public void A_reset_keeps_the_callers_that_wait()
    {
        var queue = Queue();
        queue.Join(Entry("c1"), T0);
        queue.Join(Entry("c2"), At(1));

        queue.ResetStatistics(At(5));

        Assert.Equal(2, queue.WaitingCount);
        Assert.Equal(["c1", "c2"], queue.Snapshot(1).Calls.Select(c => c.CallId));
        Assert.Equal(0, queue.Statistics.Offered);
    }

    private static DateTimeOffset At(double seconds) => T0.AddSeconds(seconds);

    private static QueueEntry Entry(string callId) => new(callId, $"SIP/upc-{callId}", "0470123456", "Caller");

    private static QueueMachine Queue(Func<QueueConfig, QueueConfig>? change = null, int seed = 1)
    {
        var config = new QueueConfig { Name = "support", Number = "600", Strategy = QueueStrategy.RingAll, Members = [new QueueMemberConfig { Extension = "4001" }] };
        return new QueueMachine((change ?? (c => c))(config), new Random(seed));
    }

    private static DeviceState AllFree(string extension) => DeviceState.NotInUse;

    private static (string CallId, string Extension) Single(IReadOnlyList<(string CallId, QueueOffer Offer)> offers)
    {
        var offer = Assert.Single(offers);
        return (offer.CallId, offer.Offer.Extension);
    }

    /// <summary>One caller joins, is offered at once, answers a second later and hangs up after nine seconds of talk.</summary>
    private static void Serve(QueueMachine queue, string callId, DateTimeOffset at)
    {
        Assert.True(queue.Join(Entry(callId), at).IsOk);
        var offer = Assert.Single(queue.Distribute(at, AllFree));
        Assert.NotNull(queue.OfferResult(callId, offer.Offer.OfferId, answered: true, $"SIP/4001-{offer.Offer.OfferId:x8}", at.AddSeconds(1)));
        Assert.True(queue.Complete(callId, at.AddSeconds(10)));
    }
}
