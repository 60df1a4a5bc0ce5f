using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Grains.StateMachines;

namespace PbxGrains.Tests.Unit;

public sealed class QueueMachineTests
{
    private static DateTimeOffset T0 => Channels.T0;

    [Fact]
    public void Callers_join_in_arrival_order_and_get_consecutive_positions()
    {
        var queue = Queue(QueueStrategy.RingAll, Member("4001"));

        Assert.Equal(1, queue.Join(Entry("c1"), T0).Value);
        Assert.Equal(2, queue.Join(Entry("c2"), At(1)).Value);
        Assert.Equal(3, queue.Join(Entry("c3"), At(2)).Value);

        Assert.Equal(3, queue.WaitingCount);
        Assert.Equal(3, queue.Statistics.Offered);
        Assert.Equal(["c1", "c2", "c3"], queue.Snapshot(1).Calls.Select(c => c.CallId));
        Assert.Equal([1, 2, 3], queue.Snapshot(1).Calls.Select(c => c.Position));
    }

    [Fact]
    public void A_caller_whose_join_came_late_waits_ahead_of_those_who_arrived_after_it_and_is_offered_first()
    {
        var queue = Queue(QueueStrategy.Linear, Member("4001"));
        queue.Join(Entry("c1"), T0);
        queue.Join(Entry("c3"), At(5));

        // c2 arrived at +2, but its call's message reached the queue after c3's.
        var late = queue.Join(Entry("c2"), At(2));

        Assert.Equal(2, late.Value);
        Assert.Equal(["c1", "c2", "c3"], queue.Snapshot(1).Calls.Select(c => c.CallId));
        Assert.Equal([1, 2, 3], queue.Snapshot(1).Calls.Select(c => c.Position));
        Assert.True(queue.Abandon("c1", At(6)));
        Assert.Equal("c2", Assert.Single(queue.Distribute(At(6), AllFree)).CallId);
    }

    [Fact]
    public void A_call_that_joins_twice_keeps_its_position_and_is_counted_once()
    {
        var queue = Queue(QueueStrategy.RingAll, Member("4001"));
        queue.Join(Entry("c1"), T0);
        queue.Join(Entry("c2"), At(1));

        var again = queue.Join(Entry("c1"), At(2));

        Assert.Equal(1, again.Value);
        Assert.Equal(2, queue.WaitingCount);
        Assert.Equal(2, queue.Statistics.Offered);
    }

    [Fact]
    public void A_queue_at_its_maximum_refuses_another_caller_as_full()
    {
        var queue = Queue(QueueStrategy.RingAll, [Member("4001")], c => c with { MaxCallers = 2 });
        queue.Join(Entry("c1"), T0);
        queue.Join(Entry("c2"), T0);

        var third = queue.Join(Entry("c3"), T0);

        Assert.Equal(DomainError.QueueFull, third.Error);
        Assert.Equal(2, queue.WaitingCount);
        Assert.Equal(2, queue.Statistics.Offered);
    }

    [Fact]
    public void A_full_queue_still_tells_a_waiting_caller_its_position()
    {
        var queue = Queue(QueueStrategy.RingAll, [Member("4001")], c => c with { MaxCallers = 1 });
        queue.Join(Entry("c1"), T0);

        Assert.Equal(1, queue.Join(Entry("c1"), At(1)).Value);
    }

    [Fact]
    public void Connected_callers_do_not_count_towards_the_maximum()
    {
        var offers = new List<(string CallId, QueueOffer Offer)>();
        var queue = Queue(QueueStrategy.RingAll, [Member("4001")], c => c with { MaxCallers = 1 });
        queue.Join(Entry("c1"), T0);
        offers.AddRange(queue.Distribute(T0, AllFree));
        Answer(queue, offers, "c1", At(1));

        Assert.True(queue.Join(Entry("c2"), At(2)).IsOk);
    }

    [Fact]
    public void A_maximum_of_zero_means_unlimited()
    {
        var queue = Queue(QueueStrategy.RingAll, Member("4001"));

        for (var i = 0; i < 500; i++)
        {
            Assert.True(queue.Join(Entry($"c{i}"), T0).IsOk);
        }

        Assert.Equal(500, queue.WaitingCount);
    }

    [Fact]
    public void An_abandoned_caller_leaves_and_is_counted_with_its_wait()
    {
        var queue = Queue(QueueStrategy.RingAll, Member("4001"));
        queue.Join(Entry("c1"), T0);
        queue.Join(Entry("c2"), At(3));

        Assert.True(queue.Abandon("c1", At(12)));

        Assert.Equal(1, queue.Statistics.Abandoned);
        Assert.Equal(12, queue.Statistics.TotalAbandonWaitSeconds);
        Assert.Equal(0, queue.Statistics.Answered);
        var remaining = Assert.Single(queue.Snapshot(1).Calls);
        Assert.Equal(("c2", 1), (remaining.CallId, remaining.Position));
    }

    [Fact]
    public void Abandoning_a_call_that_is_not_waiting_changes_nothing()
    {
        var offers = new List<(string CallId, QueueOffer Offer)>();
        var queue = Queue(QueueStrategy.RingAll, Member("4001"));
        queue.Join(Entry("c1"), T0);
        offers.AddRange(queue.Distribute(T0, AllFree));
        Answer(queue, offers, "c1", At(1));

        Assert.False(queue.Abandon("nobody", At(2)));
        Assert.False(queue.Abandon("c1", At(2)));
        Assert.Equal(0, queue.Statistics.Abandoned);
    }

    [Fact]
    public void A_caller_that_abandons_while_ringing_frees_the_member_for_the_next_caller()
    {
        var queue = Queue(QueueStrategy.Linear, Member("4001"));
        queue.Join(Entry("c1"), T0);
        queue.Join(Entry("c2"), T0);
        Assert.Equal(["c1"], queue.Distribute(T0, AllFree).Select(o => o.CallId));

        queue.Abandon("c1", At(4));

        var offer = Assert.Single(queue.Distribute(At(4), AllFree));
        Assert.Equal(("c2", "4001"), (offer.CallId, offer.Offer.Extension));
    }

    [Fact]
    public void An_offer_carries_the_instant_it_became_possible_and_the_next_wake_up_is_the_wrap_up_end_it_worked_out()
    {
        var queue = Queue(QueueStrategy.Linear, [Member("4001")], c => c with { WrapUpSeconds = 10 });
        queue.Join(Entry("c1"), T0);
        queue.Join(Entry("c2"), At(1));

        // The queue looks only at +1 s; c1 waited for nobody since it arrived.
        var offer = Assert.Single(queue.Distribute(At(1), AllFree)).Offer;
        Assert.Equal(T0, offer.At);
        queue.OfferResult("c1", offer.OfferId, answered: true, "SIP/4001-1", At(3));

        queue.Complete("c1", At(63));

        Assert.Equal(At(73), queue.NextWakeUp(At(63)));
        Assert.Empty(queue.Distribute(At(72), AllFree));
        Assert.Equal(At(73), Assert.Single(queue.Distribute(At(73), AllFree)).Offer.At);
    }

    [Fact]
    public void A_member_freed_by_a_message_that_came_late_is_offered_from_when_it_was_freed_not_from_the_queue_s_now()
    {
        var queue = Queue(QueueStrategy.Linear, Member("4001"));
        queue.Join(Entry("c1"), T0);
        var first = Assert.Single(queue.Distribute(T0, AllFree)).Offer;
        queue.OfferResult("c1", first.OfferId, answered: true, "SIP/4001-1", At(2));
        queue.Join(Entry("c2"), At(10));
        Assert.Empty(queue.Distribute(At(10), AllFree));

        // c1 hung up at +63 s, but the queue hears of it after a caller that arrived at +70 s.
        queue.Join(Entry("c3"), At(70));
        queue.Complete("c1", At(63));
        var offer = Assert.Single(queue.Distribute(At(70), AllFree));

        Assert.Equal(("c2", At(63)), (offer.CallId, offer.Offer.At));
    }

    [Fact]
    public void A_member_added_or_unpaused_is_offered_from_that_instant_to_a_caller_waiting_before()
    {
        var queue = Queue(QueueStrategy.Linear, Member("4001", paused: true));
        queue.Join(Entry("c1"), T0);
        Assert.Empty(queue.Distribute(T0, AllFree));

        queue.Pause("4001", paused: false, "", At(30));

        Assert.Equal(At(30), Assert.Single(queue.Distribute(At(30), AllFree)).Offer.At);
    }

    [Fact]
    public void The_longest_waiting_caller_is_offered_first()
    {
        var queue = Queue(QueueStrategy.Linear, Member("4001"));
        queue.Join(Entry("c1"), T0);
        queue.Join(Entry("c2"), At(1));

        var offer = Assert.Single(queue.Distribute(At(2), AllFree));

        Assert.Equal("c1", offer.CallId);
    }

    [Fact]
    public void Several_free_members_serve_several_callers_in_arrival_order()
    {
        var queue = Queue(QueueStrategy.Linear, Member("4001"), Member("4002"));
        queue.Join(Entry("c1"), T0);
        queue.Join(Entry("c2"), At(1));
        queue.Join(Entry("c3"), At(2));

        var offers = queue.Distribute(At(3), AllFree);

        Assert.Equal([("c1", "4001"), ("c2", "4002")], offers.Select(o => (o.CallId, o.Offer.Extension)));
    }

    [Fact]
    public void The_lowest_penalty_tier_is_offered_first()
    {
        var queue = Queue(QueueStrategy.RingAll, Member("4001", penalty: 1), Member("4002", penalty: 0), Member("4003", penalty: 2));
        queue.Join(Entry("c1"), T0);

        var offer = Assert.Single(queue.Distribute(T0, AllFree));

        Assert.Equal("4002", offer.Offer.Extension);
    }

    [Fact]
    public void A_higher_penalty_member_is_offered_when_no_lower_penalty_member_is_free()
    {
        var queue = Queue(QueueStrategy.RingAll, Member("4001", penalty: 0), Member("4002", penalty: 1), Member("4003", penalty: 2));
        queue.Join(Entry("c1"), T0);

        var offer = Assert.Single(queue.Distribute(T0, Busy("4001")));

        Assert.Equal("4002", offer.Offer.Extension);
    }

    [Fact]
    public void A_higher_penalty_member_is_offered_when_the_lower_penalty_member_is_paused()
    {
        var queue = Queue(QueueStrategy.RingAll, Member("4001", penalty: 0), Member("4002", penalty: 1));
        queue.Pause("4001", true, "lunch");
        queue.Join(Entry("c1"), T0);

        Assert.Equal("4002", Assert.Single(queue.Distribute(T0, AllFree)).Offer.Extension);
    }

    [Fact]
    public void A_higher_penalty_member_is_offered_only_after_every_free_lower_penalty_member_was_tried()
    {
        var queue = Queue(QueueStrategy.Linear, Member("4001", penalty: 0), Member("4002", penalty: 0), Member("4003", penalty: 1));
        queue.Join(Entry("c1"), T0);

        var first = Assert.Single(queue.Distribute(T0, AllFree));
        queue.OfferResult("c1", first.Offer.OfferId, answered: false, null, At(15));
        var second = Assert.Single(queue.Distribute(At(15), AllFree));
        queue.OfferResult("c1", second.Offer.OfferId, answered: false, null, At(30));
        var third = Assert.Single(queue.Distribute(At(30), AllFree));

        Assert.Equal(["4001", "4002", "4003"], new[] { first, second, third }.Select(o => o.Offer.Extension));
    }

    [Fact]
    public void A_member_paused_in_the_configuration_is_never_offered()
    {
        var queue = Queue(QueueStrategy.RingAll, Member("4001", paused: true), Member("4002"));
        queue.Join(Entry("c1"), T0);

        Assert.Equal("4002", Assert.Single(queue.Distribute(T0, AllFree)).Offer.Extension);
    }

    [Fact]
    public void A_paused_member_is_skipped_and_offered_again_once_unpaused()
    {
        var queue = Queue(QueueStrategy.RingAll, Member("4001"));
        queue.Pause("4001", true, "break");
        queue.Join(Entry("c1"), T0);

        Assert.Empty(queue.Distribute(T0, AllFree));

        queue.Pause("4001", false, "");
        Assert.Equal("4001", Assert.Single(queue.Distribute(At(1), AllFree)).Offer.Extension);
    }

    [Theory]
    [InlineData(DeviceState.InUse)]
    [InlineData(DeviceState.Busy)]
    [InlineData(DeviceState.Ringing)]
    [InlineData(DeviceState.RingInUse)]
    [InlineData(DeviceState.OnHold)]
    [InlineData(DeviceState.Unavailable)]
    [InlineData(DeviceState.Unknown)]
    [InlineData(DeviceState.Invalid)]
    public void A_member_whose_phone_is_not_free_is_skipped(DeviceState state)
    {
        var queue = Queue(QueueStrategy.RingAll, Member("4001"), Member("4002"));
        queue.Join(Entry("c1"), T0);

        var offers = queue.Distribute(T0, e => e == "4001" ? state : DeviceState.NotInUse);

        Assert.Equal("4002", Assert.Single(offers).Offer.Extension);
    }

    [Fact]
    public void Nobody_is_offered_when_no_member_is_free_and_the_caller_keeps_waiting()
    {
        var queue = Queue(QueueStrategy.RingAll, Member("4001"));
        queue.Join(Entry("c1"), T0);

        Assert.Empty(queue.Distribute(T0, Busy("4001")));
        Assert.True(queue.HasUnofferedCallers);
        Assert.Equal(QueueCallerStatus.Waiting, Assert.Single(queue.Snapshot(1).Calls).Status);
    }

    [Fact]
    public void A_member_ringing_for_one_caller_is_not_offered_to_another()
    {
        var queue = Queue(QueueStrategy.RingAll, Member("4001"));
        queue.Join(Entry("c1"), T0);
        queue.Join(Entry("c2"), T0);

        Assert.Single(queue.Distribute(T0, AllFree));
        Assert.Empty(queue.Distribute(At(1), AllFree));
    }

    [Fact]
    public void Ringall_offers_the_caller_to_every_free_member_of_the_lowest_tier()
    {
        var queue = Queue(QueueStrategy.RingAll, Member("4001"), Member("4002"), Member("4003", penalty: 1), Member("4004"));
        queue.Join(Entry("c1"), T0);

        var offers = queue.Distribute(T0, Busy("4004"));

        Assert.Equal(["4001", "4002"], offers.Select(o => o.Offer.Extension));
        Assert.All(offers, o => Assert.Equal("c1", o.CallId));
        Assert.Equal(2, offers.Select(o => o.Offer.OfferId).Distinct().Count());
        Assert.False(queue.HasUnofferedCallers);
        Assert.Equal(QueueCallerStatus.Ringing, Assert.Single(queue.Snapshot(1).Calls).Status);
    }

    [Fact]
    public void An_offer_names_the_queue_the_member_and_the_ring_timeout()
    {
        var queue = Queue(
            QueueStrategy.RingAll,
            [new QueueMemberConfig { Extension = "4001", AgentId = "agent7", Interface = "PJSIP/4001" }],
            c => c with { MemberTimeoutSeconds = 12 });
        queue.Join(Entry("c1"), T0);

        var offer = Assert.Single(queue.Distribute(T0, AllFree)).Offer;

        Assert.Equal("support", offer.Queue);
        Assert.Equal("PJSIP/4001", offer.MemberInterface);
        Assert.Equal("4001", offer.Extension);
        Assert.Equal("agent7", offer.AgentId);
        Assert.Equal(12, offer.RingTimeoutSeconds);
    }

    [Fact]
    public void A_member_without_an_interface_is_rung_on_its_sip_device()
    {
        var queue = Queue(QueueStrategy.RingAll, Member("4001"));
        queue.Join(Entry("c1"), T0);

        Assert.Equal("SIP/4001", Assert.Single(queue.Distribute(T0, AllFree)).Offer.MemberInterface);
        Assert.Equal("SIP/4001", Assert.Single(queue.Snapshot(1).Members).Interface);
    }

    [Fact]
    public void Linear_always_offers_the_first_free_member_in_member_order()
    {
        var queue = Queue(QueueStrategy.Linear, Member("4001"), Member("4002"), Member("4003"));

        var takers = Enumerable.Range(0, 4).Select(i => Serve(queue, $"c{i}", At(i * 100), AllFree)).ToList();

        Assert.All(takers, t => Assert.Equal("4001", t));
        Assert.Equal("4002", Serve(queue, "c9", At(1000), Busy("4001")));
    }

    [Theory]
    [InlineData(QueueStrategy.RoundRobin)]
    [InlineData(QueueStrategy.RrMemory)]
    public void Round_robin_continues_after_the_member_that_took_the_last_call(QueueStrategy strategy)
    {
        var queue = Queue(strategy, Member("4001"), Member("4002"), Member("4003"));

        var takers = Enumerable.Range(0, 5).Select(i => Serve(queue, $"c{i}", At(i * 100), AllFree));

        Assert.Equal(["4001", "4002", "4003", "4001", "4002"], takers);
    }

    [Theory]
    [InlineData(QueueStrategy.RoundRobin)]
    [InlineData(QueueStrategy.RrMemory)]
    public void Round_robin_skips_a_busy_member_and_wraps_around(QueueStrategy strategy)
    {
        var queue = Queue(strategy, Member("4001"), Member("4002"), Member("4003"));
        Assert.Equal("4001", Serve(queue, "c1", T0, AllFree));
        Assert.Equal("4002", Serve(queue, "c2", At(100), AllFree));

        Assert.Equal("4001", Serve(queue, "c3", At(200), Busy("4003")));
    }

    [Theory]
    [InlineData(QueueStrategy.RoundRobin)]
    [InlineData(QueueStrategy.RrMemory)]
    public void Round_robin_tries_the_next_member_after_a_refusal(QueueStrategy strategy)
    {
        var queue = Queue(strategy, Member("4001"), Member("4002"), Member("4003"));
        Assert.Equal("4001", Serve(queue, "c1", T0, AllFree));
        queue.Join(Entry("c2"), At(100));

        var first = Assert.Single(queue.Distribute(At(100), AllFree));
        queue.OfferResult("c2", first.Offer.OfferId, answered: false, null, At(115));
        var second = Assert.Single(queue.Distribute(At(115), AllFree));

        Assert.Equal(("4002", "4003"), (first.Offer.Extension, second.Offer.Extension));
    }

    [Fact]
    public void Leastrecent_prefers_a_member_that_never_took_a_call()
    {
        var queue = Queue(QueueStrategy.LeastRecent, Member("4001"), Member("4002"), Member("4003"));
        Assert.Equal("4001", Serve(queue, "c1", T0, AllFree));
        Assert.Equal("4002", Serve(queue, "c2", At(100), AllFree));

        Assert.Equal("4003", Serve(queue, "c3", At(200), AllFree));
    }

    [Fact]
    public void Leastrecent_offers_the_member_whose_last_call_is_oldest()
    {
        var queue = Queue(QueueStrategy.LeastRecent, Member("4001"), Member("4002"));
        Assert.Equal("4002", Serve(queue, "c1", T0, Busy("4001")));
        Assert.Equal("4001", Serve(queue, "c2", At(100), Busy("4002")));

        Assert.Equal("4002", Serve(queue, "c3", At(200), AllFree));
    }

    [Fact]
    public void Leastrecent_offers_the_member_that_hung_up_least_recently()
    {
        // app_queue: "leastrecent: ring interface which was least recently hung up by this queue"
        // (struct member.lastcall: "When last successful call was hungup").
        var offers = new List<(string CallId, QueueOffer Offer)>();
        var queue = Queue(QueueStrategy.LeastRecent, Member("4001"), Member("4002"));
        queue.Join(Entry("c1"), T0);
        offers.AddRange(queue.Distribute(T0, AllFree));
        Answer(queue, offers, "c1", At(1));
        queue.Join(Entry("c2"), At(2));
        offers.AddRange(queue.Distribute(At(2), AllFree));
        Answer(queue, offers, "c2", At(3));
        queue.Complete("c2", At(4));
        queue.Complete("c1", At(10));
        queue.Join(Entry("c3"), At(11));

        var offer = Assert.Single(queue.Distribute(At(11), AllFree));

        Assert.Equal("4002", offer.Offer.Extension);
    }

    [Fact]
    public void Fewestcalls_offers_the_member_that_took_the_fewest_calls_and_breaks_ties_by_member_order()
    {
        var queue = Queue(QueueStrategy.FewestCalls, Member("4001"), Member("4002"), Member("4003"));
        Serve(queue, "c1", T0, Busy("4002", "4003"));
        Serve(queue, "c2", At(100), Busy("4002", "4003"));
        Serve(queue, "c3", At(200), Busy("4001", "4003"));

        Assert.Equal("4003", Serve(queue, "c4", At(300), AllFree));
        Assert.Equal("4002", Serve(queue, "c5", At(400), AllFree));
    }

    [Fact]
    public void Random_with_the_same_seed_chooses_the_same_members()
    {
        var members = new[] { Member("4001"), Member("4002"), Member("4003"), Member("4004"), Member("4005") };
        var first = Queue(QueueStrategy.Random, members, seed: 42);
        var second = Queue(QueueStrategy.Random, members, seed: 42);

        var a = Enumerable.Range(0, 50).Select(i => Serve(first, $"c{i}", At(i * 100), AllFree)).ToList();
        var b = Enumerable.Range(0, 50).Select(i => Serve(second, $"c{i}", At(i * 100), AllFree)).ToList();

        Assert.Equal(a, b);
        Assert.Equal(5, a.Distinct().Count());
    }

    [Fact]
    public void Random_chooses_only_within_the_lowest_free_penalty_tier()
    {
        var queue = Queue(QueueStrategy.Random, [Member("4001"), Member("4002"), Member("4003", penalty: 1)], seed: 7);

        var takers = Enumerable.Range(0, 100).Select(i => Serve(queue, $"c{i}", At(i * 100), AllFree)).ToHashSet();

        Assert.Equal(["4001", "4002"], takers.Order());
    }

    [Fact]
    public void A_refused_offer_frees_the_member_and_the_next_member_is_tried()
    {
        var queue = Queue(QueueStrategy.Linear, Member("4001"), Member("4002"));
        queue.Join(Entry("c1"), T0);
        var first = Assert.Single(queue.Distribute(T0, AllFree));

        var refused = queue.OfferResult("c1", first.Offer.OfferId, answered: false, null, At(15));

        Assert.Null(refused);
        Assert.Null(queue.Snapshot(1).Members.Single(m => m.Extension == "4001").BusyWithCall);
        Assert.True(queue.HasUnofferedCallers);
        Assert.Equal("4002", Assert.Single(queue.Distribute(At(15), AllFree)).Offer.Extension);
    }

    [Fact]
    public void A_member_that_refused_one_caller_can_be_offered_the_next_caller()
    {
        var queue = Queue(QueueStrategy.Linear, Member("4001"));
        queue.Join(Entry("c1"), T0);
        queue.Join(Entry("c2"), T0);
        var first = Assert.Single(queue.Distribute(T0, AllFree));
        queue.OfferResult("c1", first.Offer.OfferId, answered: false, null, At(15));

        var next = Assert.Single(queue.Distribute(At(15), AllFree));

        Assert.Equal(("c2", "4001"), (next.CallId, next.Offer.Extension));
    }

    [Fact]
    public void When_every_free_member_was_tried_the_caller_waits_the_retry_time()
    {
        var queue = Queue(QueueStrategy.Linear, [Member("4001")], c => c with { RetrySeconds = 5 });
        queue.Join(Entry("c1"), T0);
        var first = Assert.Single(queue.Distribute(T0, AllFree));
        queue.OfferResult("c1", first.Offer.OfferId, answered: false, null, At(15));

        Assert.Empty(queue.Distribute(At(15), AllFree));
        Assert.Equal(At(20), queue.NextWakeUp(At(15)));
        Assert.Empty(queue.Distribute(At(19), AllFree));

        var retried = Assert.Single(queue.Distribute(At(20), AllFree));
        Assert.Equal("4001", retried.Offer.Extension);
        Assert.NotEqual(first.Offer.OfferId, retried.Offer.OfferId);
    }

    [Fact]
    public void A_caller_waiting_out_its_retry_time_does_not_hold_up_the_callers_behind_it()
    {
        var queue = Queue(QueueStrategy.Linear, [Member("4001")], c => c with { RetrySeconds = 5 });
        queue.Join(Entry("c1"), T0);
        var first = Assert.Single(queue.Distribute(T0, AllFree));
        queue.Join(Entry("c2"), At(1));
        queue.OfferResult("c1", first.Offer.OfferId, answered: false, null, At(15));

        var next = Assert.Single(queue.Distribute(At(15), AllFree));

        Assert.Equal(("c2", "4001"), (next.CallId, next.Offer.Extension));
    }

    [Fact]
    public void Nothing_to_wake_up_for_when_nobody_waits()
    {
        var queue = Queue(QueueStrategy.RingAll, [Member("4001")], c => c with { WrapUpSeconds = 30 });
        Serve(queue, "c1", T0, AllFree);

        Assert.Null(queue.NextWakeUp(At(1)));
    }

    [Fact]
    public void Nothing_to_wake_up_for_while_a_waiting_caller_only_waits_for_a_phone_to_free()
    {
        var queue = Queue(QueueStrategy.RingAll, Member("4001"));
        queue.Join(Entry("c1"), T0);
        queue.Distribute(T0, Busy("4001"));

        Assert.Null(queue.NextWakeUp(T0));
    }

    [Fact]
    public void A_result_for_an_unknown_offer_or_caller_is_ignored()
    {
        var queue = Queue(QueueStrategy.RingAll, Member("4001"));
        queue.Join(Entry("c1"), T0);
        var offer = Assert.Single(queue.Distribute(T0, AllFree));

        Assert.Null(queue.OfferResult("c1", offer.Offer.OfferId + 100, answered: true, "SIP/4001-00000001", At(1)));
        Assert.Null(queue.OfferResult("nobody", offer.Offer.OfferId, answered: true, "SIP/4001-00000001", At(1)));

        Assert.Equal(1, queue.WaitingCount);
        Assert.Equal(0, queue.Statistics.Answered);
    }

    [Fact]
    public void An_answered_offer_connects_the_caller_to_the_member()
    {
        var queue = Queue(QueueStrategy.RingAll, [new QueueMemberConfig { Extension = "4001", AgentId = "agent7", MemberName = "Alice" }]);
        queue.Join(new QueueEntry("c1", "SIP/upc-0000b714", "0470123456", "Bob"), T0);
        var offer = Assert.Single(queue.Distribute(T0, AllFree));

        var member = queue.OfferResult("c1", offer.Offer.OfferId, answered: true, "SIP/4001-0000b715", T0.AddSeconds(17.8));

        Assert.NotNull(member);
        Assert.Equal(("SIP/4001", "4001", "agent7", "Alice"), (member.Interface, member.Extension, member.AgentId, member.MemberName));
        Assert.True(member.InCall);
        Assert.Equal("c1", member.BusyWithCall);
        Assert.Equal(1, member.CallsTaken);
        Assert.Null(member.LastCall); // app_queue stamps lastcall when the member hangs up, not when it answers

        Assert.Equal(0, queue.WaitingCount);
        var call = Assert.Single(queue.Snapshot(1).Calls);
        Assert.Equal(QueueCallerStatus.Connected, call.Status);
        Assert.Equal(0, call.Position);
        Assert.Equal("SIP/4001", call.MemberInterface);
        Assert.Equal("4001", call.MemberExtension);
        Assert.Equal("SIP/4001-0000b715", call.AgentChannel);
        Assert.Equal(("SIP/upc-0000b714", "0470123456", "Bob"), (call.Channel, call.CallerIdNumber, call.CallerIdName));
        Assert.Equal(T0, call.Entered);
        Assert.Equal(T0.AddSeconds(17.8), call.Connected);
        Assert.Equal(17, call.WaitedSeconds);
    }

    [Fact]
    public void An_answer_withdraws_the_callers_other_offers_and_frees_those_members()
    {
        var queue = Queue(QueueStrategy.RingAll, Member("4001"), Member("4002"), Member("4003"));
        queue.Join(Entry("c1"), T0);
        var offers = queue.Distribute(T0, AllFree);
        var answeredBy = offers.Single(o => o.Offer.Extension == "4002");

        queue.OfferResult("c1", answeredBy.Offer.OfferId, answered: true, "SIP/4002-00000002", At(5));

        var members = queue.Snapshot(1).Members.ToDictionary(m => m.Extension);
        Assert.Null(members["4001"].BusyWithCall);
        Assert.Null(members["4003"].BusyWithCall);
        Assert.Equal("c1", members["4002"].BusyWithCall);
        Assert.Equal(0, members["4001"].CallsTaken);
    }

    [Fact]
    public void A_late_refusal_of_a_withdrawn_offer_does_not_free_the_member_from_its_next_caller()
    {
        var queue = Queue(QueueStrategy.RingAll, Member("4001"), Member("4002"));
        queue.Join(Entry("c1"), T0);
        var offers = queue.Distribute(T0, AllFree);
        queue.OfferResult("c1", offers[0].Offer.OfferId, answered: true, "SIP/4001-00000001", At(5));
        queue.Join(Entry("c2"), At(6));
        var next = Assert.Single(queue.Distribute(At(6), Busy("4001")));
        Assert.Equal("4002", next.Offer.Extension);

        Assert.Null(queue.OfferResult("c1", offers[1].Offer.OfferId, answered: false, null, At(7)));

        Assert.Equal("c2", queue.Snapshot(1).Members.Single(m => m.Extension == "4002").BusyWithCall);
    }

    [Fact]
    public void Answered_calls_update_wait_and_service_level_statistics()
    {
        var offers = new List<(string CallId, QueueOffer Offer)>();
        var queue = Queue(QueueStrategy.Linear, [Member("4001"), Member("4002"), Member("4003")], c => c with { ServiceLevelSeconds = 20 });
        queue.Join(Entry("c1"), T0);
        queue.Join(Entry("c2"), At(1));
        queue.Join(Entry("c3"), At(2));
        offers.AddRange(queue.Distribute(At(2), AllFree));

        Answer(queue, offers, "c1", At(5));
        Answer(queue, offers, "c2", At(21));
        Answer(queue, offers, "c3", At(32));

        var stats = queue.Statistics;
        Assert.Equal(3, stats.Answered);
        Assert.Equal(5 + 20 + 30, stats.TotalWaitSeconds);
        Assert.Equal(30, stats.MaxWaitSeconds);
        Assert.Equal(2, stats.AnsweredWithinServiceLevel);
        Assert.Equal(55.0 / 3, stats.AverageHoldSeconds, 9);
        Assert.Equal(200.0 / 3, stats.OfferedServiceLevelPercent, 9);
        Assert.Equal(200.0 / 3, stats.AnsweredServiceLevelPercent, 9);
        Assert.Equal(20, stats.ServiceLevelSeconds);
    }

    [Fact]
    public void A_call_answered_exactly_at_the_service_level_counts_as_within_it()
    {
        var offers = new List<(string CallId, QueueOffer Offer)>();
        var queue = Queue(QueueStrategy.Linear, [Member("4001")], c => c with { ServiceLevelSeconds = 20 });
        queue.Join(Entry("c1"), T0);
        offers.AddRange(queue.Distribute(T0, AllFree));

        Answer(queue, offers, "c1", At(20));

        Assert.Equal(1, queue.Statistics.AnsweredWithinServiceLevel);
    }

    [Fact]
    public void Only_callers_that_found_no_free_member_count_as_answered_after_waiting()
    {
        var offers = new List<(string CallId, QueueOffer Offer)>();
        var queue = Queue(QueueStrategy.RingAll, Member("4001"));
        queue.Join(Entry("c1"), T0);
        offers.AddRange(queue.Distribute(T0, AllFree));
        Answer(queue, offers, "c1", At(2));
        queue.Join(Entry("c2"), At(3));
        Assert.Empty(queue.Distribute(At(3), AllFree));
        queue.Complete("c1", At(10));
        offers.Add(Assert.Single(queue.Distribute(At(10), AllFree)));

        Answer(queue, offers, "c2", At(12));

        Assert.Equal(2, queue.Statistics.Answered);
        Assert.Equal(1, queue.Statistics.AnsweredAfterWaiting);
        Assert.Equal(0.5, queue.Statistics.OfferedProbabilityOfWaiting);
    }

    [Fact]
    public void A_caller_offered_on_arrival_to_a_member_who_does_not_answer_was_not_delayed_though_it_then_waits()
    {
        var offers = new List<(string CallId, QueueOffer Offer)>();
        var queue = Queue(QueueStrategy.RingAll, [Member("4001")], c => c with { RetrySeconds = 5 });
        queue.Join(Entry("c1"), T0);
        var first = Assert.Single(queue.Distribute(T0, AllFree));
        Assert.Null(queue.OfferResult("c1", first.Offer.OfferId, answered: false, null, At(15)));
        Assert.Empty(queue.Distribute(At(15), Busy("4001")));
        Assert.Empty(queue.Distribute(At(40), AllFree));
        offers.Add(Assert.Single(queue.Distribute(At(45), AllFree)));

        Answer(queue, offers, "c1", At(46));

        Assert.Equal((1, 0, 46.0), (queue.Statistics.Answered, queue.Statistics.AnsweredAfterWaiting, queue.Statistics.TotalWaitSeconds));
    }

    [Fact]
    public void Probability_of_waiting_service_level_and_mean_wait_are_over_offered_calls_with_answered_only_variants()
    {
        var offers = new List<(string CallId, QueueOffer Offer)>();
        var queue = Queue(QueueStrategy.Linear, [Member("4001")], c => c with { ServiceLevelSeconds = 20 });

        // c1 is answered at once; c2 finds the member busy and is answered after 30 s; c3 finds it busy and gives up after 10 s.
        queue.Join(Entry("c1"), T0);
        offers.AddRange(queue.Distribute(T0, AllFree));
        Answer(queue, offers, "c1", T0);
        queue.Join(Entry("c2"), At(10));
        Assert.Empty(queue.Distribute(At(10), AllFree));
        queue.Join(Entry("c3"), At(20));
        Assert.Empty(queue.Distribute(At(20), AllFree));
        Assert.True(queue.Abandon("c3", At(30)));
        queue.Complete("c1", At(40));
        offers.AddRange(queue.Distribute(At(40), AllFree));
        Answer(queue, offers, "c2", At(40));

        var s = queue.Statistics;
        Assert.Equal((2, 1, 1, 1, 3), (s.Answered, s.Abandoned, s.AnsweredAfterWaiting, s.AbandonedAfterWaiting, s.AnsweredOrAbandoned));
        Assert.Equal(2.0 / 3, s.OfferedProbabilityOfWaiting, 12);
        Assert.Equal(0.5, s.AnsweredProbabilityOfWaiting, 12);
        Assert.Equal(100.0 / 3, s.OfferedServiceLevelPercent, 12);
        Assert.Equal(50, s.AnsweredServiceLevelPercent, 12);
        Assert.Equal(1.0 / 3, s.ProbabilityOfAbandon, 12);
        Assert.Equal(15, s.AverageHoldSeconds, 12);
        Assert.Equal((0 + 30 + 10) / 3.0, s.OfferedAverageWaitSeconds, 12);
    }

    [Fact]
    public void Statistics_averages_are_zero_before_any_call()
    {
        var stats = Queue(QueueStrategy.RingAll, Member("4001")).Statistics;

        Assert.Equal((0.0, 0.0, 0.0, 0.0), (stats.AverageHoldSeconds, stats.AverageTalkSeconds, stats.OfferedServiceLevelPercent, stats.OfferedProbabilityOfWaiting));
        Assert.Equal((0.0, 0.0, 0.0, 0.0), (stats.AnsweredServiceLevelPercent, stats.AnsweredProbabilityOfWaiting, stats.ProbabilityOfAbandon, stats.OfferedAverageWaitSeconds));
        Assert.Equal(60, stats.ServiceLevelSeconds);
    }

    [Fact]
    public void Completing_a_call_adds_its_talk_time_and_frees_the_member()
    {
        var offers = new List<(string CallId, QueueOffer Offer)>();
        var queue = Queue(QueueStrategy.RingAll, Member("4001"));
        queue.Join(Entry("c1"), T0);
        offers.AddRange(queue.Distribute(T0, AllFree));
        Answer(queue, offers, "c1", At(10));

        Assert.True(queue.Complete("c1", At(100)));

        Assert.Equal(1, queue.Statistics.Completed);
        Assert.Equal(90, queue.Statistics.TotalTalkSeconds);
        Assert.Equal(90, queue.Statistics.AverageTalkSeconds);
        var member = Assert.Single(queue.Snapshot(1).Members);
        Assert.False(member.InCall);
        Assert.Null(member.BusyWithCall);
        Assert.Equal(90, member.TalkSeconds);
        Assert.Null(member.WrapUpUntil);
        Assert.Empty(queue.Snapshot(1).Calls);
    }

    [Fact]
    public void Completing_a_call_that_is_not_connected_changes_nothing()
    {
        var queue = Queue(QueueStrategy.RingAll, Member("4001"));
        queue.Join(Entry("c1"), T0);

        Assert.False(queue.Complete("c1", At(1)));
        Assert.False(queue.Complete("nobody", At(1)));
        Assert.Equal(0, queue.Statistics.Completed);
    }

    [Fact]
    public void A_member_in_wrap_up_is_not_offered_until_the_wrap_up_ends()
    {
        var offers = new List<(string CallId, QueueOffer Offer)>();
        var queue = Queue(QueueStrategy.RingAll, [Member("4001")], c => c with { WrapUpSeconds = 30 });
        queue.Join(Entry("c1"), T0);
        offers.AddRange(queue.Distribute(T0, AllFree));
        Answer(queue, offers, "c1", At(1));
        queue.Complete("c1", At(10));
        queue.Join(Entry("c2"), At(11));

        Assert.Equal(At(40), Assert.Single(queue.Snapshot(1).Members).WrapUpUntil);
        Assert.Empty(queue.Distribute(At(11), AllFree));
        Assert.Equal(At(40), queue.NextWakeUp(At(11)));
        Assert.Empty(queue.Distribute(At(39), AllFree));
        Assert.Equal("4001", Assert.Single(queue.Distribute(At(40), AllFree)).Offer.Extension);
    }

    [Fact]
    public void A_dynamic_member_is_added_and_offered()
    {
        var queue = Queue(QueueStrategy.RingAll);

        Assert.True(queue.AddMember(Member("4005")).IsOk);
        queue.Join(Entry("c1"), T0);

        Assert.Equal("4005", Assert.Single(queue.Distribute(T0, AllFree)).Offer.Extension);
        Assert.True(Assert.Single(queue.Snapshot(1).Members).Dynamic);
        Assert.Equal(["4005"], queue.DynamicMembers.Select(m => m.Extension));
    }

    [Fact]
    public void Only_members_the_queue_does_not_hold_back_have_their_phones_asked_about()
    {
        var queue = Queue(QueueStrategy.Linear, Member("4001"), Member("4002"), Member("4003"));
        queue.Pause("4003", true, "lunch");
        Assert.Equal(["4001", "4002"], queue.ExtensionsThatMayTakeACall(T0));

        queue.Join(Entry("c1"), T0);
        Assert.Single(queue.Distribute(T0, AllFree));
        Assert.Equal(["4002"], queue.ExtensionsThatMayTakeACall(T0));
    }

    [Fact]
    public void Adding_a_member_that_already_exists_is_refused()
    {
        var queue = Queue(QueueStrategy.RingAll, Member("4001"));
        queue.AddMember(Member("4002"));

        Assert.Equal(DomainError.QueueMemberExists, queue.AddMember(Member("4001")).Error);
        Assert.Equal(DomainError.QueueMemberExists, queue.AddMember(Member("4002", penalty: 3)).Error);
        Assert.Equal(["4001", "4002"], queue.Snapshot(0).Members.Select(m => m.Extension));
    }

    [Fact]
    public void A_removed_member_is_no_longer_offered()
    {
        var queue = Queue(QueueStrategy.RingAll, Member("4001"), Member("4002"));

        Assert.True(queue.RemoveMember("4001").IsOk);
        queue.Join(Entry("c1"), T0);

        Assert.Equal("4002", Assert.Single(queue.Distribute(T0, AllFree)).Offer.Extension);
    }

    [Fact]
    public void Removing_or_pausing_a_member_that_does_not_exist_is_refused()
    {
        var queue = Queue(QueueStrategy.RingAll, Member("4001"));

        Assert.Equal(DomainError.QueueMemberNotFound, queue.RemoveMember("4009").Error);
        Assert.Equal(DomainError.QueueMemberNotFound, queue.Pause("4009", true, "lunch").Error);
    }

    [Fact]
    public void Pausing_records_the_reason_and_unpausing_clears_it()
    {
        var queue = Queue(QueueStrategy.RingAll, Member("4001"));

        queue.Pause("4001", true, "lunch");
        var paused = Assert.Single(queue.Snapshot(1).Members);
        queue.Pause("4001", false, "ignored");
        var resumed = Assert.Single(queue.Snapshot(2).Members);

        Assert.Equal((true, "lunch"), (paused.Paused, paused.PauseReason));
        Assert.Equal((false, ""), (resumed.Paused, resumed.PauseReason));
    }

    [Fact]
    public void Restored_dynamic_members_come_back_as_dynamic_members()
    {
        var queue = Queue(QueueStrategy.RingAll, Member("4001"));

        queue.RestoreDynamicMembers([Member("4002", penalty: 2), Member("4001")]);

        Assert.Equal(["4001", "4002"], queue.Snapshot(0).Members.Select(m => m.Extension));
        Assert.Equal(["4002"], queue.DynamicMembers.Select(m => m.Extension));
        Assert.Equal(2, queue.DynamicMembers[0].Penalty);
    }

    [Fact]
    public void Reconfiguring_replaces_static_members_and_keeps_dynamic_members_and_counters()
    {
        var queue = Queue(QueueStrategy.Linear, Member("4001"), Member("4002"));
        queue.AddMember(Member("4009"));
        Serve(queue, "c1", T0, AllFree);
        queue.Join(Entry("c2"), At(100));
        queue.Abandon("c2", At(110));

        var next = Config(QueueStrategy.RingAll, Member("4001", penalty: 2), Member("4003")) with { ServiceLevelSeconds = 30 };
        queue.Reconfigure(next);

        var members = queue.Snapshot(1).Members;
        Assert.Equal(["4001", "4003", "4009"], members.Select(m => m.Extension));
        Assert.Equal((2, 1, false), (members[0].Penalty, members[0].CallsTaken, members[0].Dynamic));
        Assert.True(members[2].Dynamic);
        Assert.Same(next, queue.Config);
        Assert.Equal(30, queue.Statistics.ServiceLevelSeconds);
        Assert.Equal((1, 1, 2), (queue.Statistics.Answered, queue.Statistics.Abandoned, queue.Statistics.Offered));
    }

    [Fact]
    public void Resetting_statistics_starts_the_counters_over_with_the_service_level_kept()
    {
        var queue = Queue(QueueStrategy.RingAll, [Member("4001")], c => c with { ServiceLevelSeconds = 25 });
        Serve(queue, "c1", T0, AllFree);

        queue.ResetStatistics();

        Assert.Equal(new QueueStatistics { ServiceLevelSeconds = 25 }, queue.Statistics);
    }

    [Fact]
    public void Callers_waiting_at_a_reset_are_neither_offered_nor_answered_nor_abandoned_in_the_new_period()
    {
        var offers = new List<(string CallId, QueueOffer Offer)>();
        var queue = Queue(QueueStrategy.Linear, Member("4001"));
        queue.Join(Entry("c1"), T0);
        offers.AddRange(queue.Distribute(T0, AllFree));
        Answer(queue, offers, "c1", T0);
        queue.Join(Entry("c2"), At(1));
        queue.Join(Entry("c3"), At(2));
        Assert.Empty(queue.Distribute(At(2), AllFree));

        queue.ResetStatistics(At(3));
        queue.Join(Entry("c4"), At(4));
        Assert.True(queue.Abandon("c3", At(5)));
        queue.Complete("c1", At(6));
        offers.AddRange(queue.Distribute(At(6), AllFree));
        Answer(queue, offers, "c2", At(6));

        var s = queue.Statistics;
        Assert.Equal((1, 0, 0, 1), (s.Offered, s.Answered, s.Abandoned, s.Completed));
        queue.Complete("c2", At(7));
        offers.AddRange(queue.Distribute(At(7), AllFree));
        Answer(queue, offers, "c4", At(7));
        Assert.Equal((1, 1, 3.0), (queue.Statistics.Offered, queue.Statistics.Answered, queue.Statistics.TotalWaitSeconds));
    }

    [Fact]
    public void A_snapshot_lists_waiting_callers_by_position_then_connected_callers_by_entry_time()
    {
        var offers = new List<(string CallId, QueueOffer Offer)>();
        var queue = Queue(QueueStrategy.Linear, Member("4001"), Member("4002"), Member("4003"));
        queue.Join(Entry("c1"), T0);
        queue.Join(Entry("c2"), At(1));
        queue.Join(Entry("c3"), At(2));
        queue.Join(Entry("c4"), At(3));
        queue.Join(Entry("c5"), At(4));
        offers.AddRange(queue.Distribute(At(4), AllFree));
        Answer(queue, offers, "c2", At(5));
        Answer(queue, offers, "c1", At(6));

        var snapshot = queue.Snapshot(17);

        Assert.Equal(("support", 17L, true), (snapshot.Name, snapshot.Version, snapshot.Exists));
        Assert.Equal(["c3", "c4", "c5", "c1", "c2"], snapshot.Calls.Select(c => c.CallId));
        Assert.Equal([1, 2, 3, 0, 0], snapshot.Calls.Select(c => c.Position));
        Assert.Equal(
            [QueueCallerStatus.Ringing, QueueCallerStatus.Waiting, QueueCallerStatus.Waiting, QueueCallerStatus.Connected, QueueCallerStatus.Connected],
            snapshot.Calls.Select(c => c.Status));
        Assert.Equal(3, snapshot.WaitingCount);
        Assert.Same(queue.Config, snapshot.Config);
        Assert.Equal(queue.Statistics, snapshot.Statistics);
    }

    private static DateTimeOffset At(double seconds) => T0.AddSeconds(seconds);

    private static QueueMemberConfig Member(string extension, int penalty = 0, bool paused = false) =>
        new() { Extension = extension, Penalty = penalty, Paused = paused };

    private static QueueEntry Entry(string callId) => new(callId, $"SIP/upc-{callId}", "0470123456", "Caller");

    private static QueueConfig Config(QueueStrategy strategy, params QueueMemberConfig[] members) =>
        new() { Name = "support", Number = "600", Strategy = strategy, Members = [.. members] };

    private static QueueMachine Queue(QueueStrategy strategy, params QueueMemberConfig[] members) =>
        new(Config(strategy, members), new Random(1));

    private static QueueMachine Queue(QueueStrategy strategy, QueueMemberConfig[] members, Func<QueueConfig, QueueConfig>? change = null, int seed = 1) =>
        new((change ?? (c => c))(Config(strategy, members)), new Random(seed));

    private static DeviceState AllFree(string extension) => DeviceState.NotInUse;

    private static Func<string, DeviceState> Busy(params string[] extensions) =>
        e => extensions.Contains(e) ? DeviceState.InUse : DeviceState.NotInUse;

    /// <summary>Answers the latest offer made for the caller, as the caller's call would report it.</summary>
    private static QueueMemberView Answer(QueueMachine queue, IEnumerable<(string CallId, QueueOffer Offer)> offers, string callId, DateTimeOffset at)
    {
        var offer = offers.Last(o => o.CallId == callId).Offer;
        var member = queue.OfferResult(callId, offer.OfferId, answered: true, $"SIP/{offer.Extension}-{offer.OfferId:x8}", at);
        Assert.NotNull(member);
        return member;
    }

    /// <summary>One caller joins alone, is offered, answers at once and hangs up; returns who took the call.</summary>
    private static string Serve(QueueMachine queue, string callId, DateTimeOffset at, Func<string, DeviceState> deviceState)
    {
        Assert.True(queue.Join(Entry(callId), at).IsOk);
        var offers = queue.Distribute(at, deviceState);
        var offer = Assert.Single(offers);
        Assert.Equal(callId, offer.CallId);
        var member = queue.OfferResult(callId, offer.Offer.OfferId, answered: true, $"SIP/{offer.Offer.Extension}-00000001", at.AddSeconds(1));
        Assert.NotNull(member);
        Assert.True(queue.Complete(callId, at.AddSeconds(10)));
        return member.Extension;
    }
}
