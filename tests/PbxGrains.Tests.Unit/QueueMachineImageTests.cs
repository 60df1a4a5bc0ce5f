using System.Text.Json;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Grains.Simulation;
using PbxGrains.Grains.StateMachines;

namespace PbxGrains.Tests.Unit;

/// <summary>
/// A queue resumed from its image (what a queue takes along when its silo stops gracefully) is the queue it was: the same
/// snapshot now, and the same decisions afterwards, random choices and drawn wrap-up times included.
/// </summary>
public sealed class QueueMachineImageTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_queue_resumed_from_its_image_shows_the_same_snapshot_and_goes_on_deciding_as_the_original()
    {
        var random = new ResumableRandom(17);
        var original = new QueueMachine(Config(), random);
        original.AddMember(new QueueMemberConfig { Extension = "4004" }, At(0));
        Join(original, "c1", 0);
        Join(original, "c2", 1);
        Join(original, "c3", 2);
        var offers = original.Distribute(At(3), _ => DeviceState.NotInUse);
        var first = offers.First(o => o.CallId == "c1").Offer;
        original.OfferResult("c1", first.OfferId, answered: true, $"SIP/{first.Extension}-1", At(5));
        var declined = offers.First(o => o.CallId == "c2").Offer;
        original.OfferResult("c2", declined.OfferId, answered: false, null, At(6));
        original.Pause("4002", true, "lunch", At(7));
        original.Complete("c1", At(40));

        var resumed = QueueMachine.Resume(original.Image(), ResumableRandom.Resume(random.Position));

        Assert.Equal(Json(original.Snapshot(9)), Json(resumed.Snapshot(9)));

        // The same steps on both from here: every offer (random strategy) and every drawn wrap-up alike.
        foreach (var queue in new[] { original, resumed })
        {
            Join(queue, "c4", 41);
        }

        for (var second = 42; second < 400; second += 7)
        {
            var left = original.Distribute(At(second), _ => DeviceState.NotInUse);
            var right = resumed.Distribute(At(second), _ => DeviceState.NotInUse);
            Assert.Equal(Json(left.Select(o => o.Offer)), Json(right.Select(o => o.Offer)));
            foreach (var (callId, offer) in left)
            {
                original.OfferResult(callId, offer.OfferId, answered: true, $"SIP/{offer.Extension}-{second}", At(second + 1));
                resumed.OfferResult(callId, offer.OfferId, answered: true, $"SIP/{offer.Extension}-{second}", At(second + 1));
                original.Complete(callId, At(second + 5));
                resumed.Complete(callId, At(second + 5));
            }
        }

        Assert.Equal(Json(original.Snapshot(10)), Json(resumed.Snapshot(10)));
        Assert.Equal(Json(original.Image()), Json(resumed.Image()));
    }

    private static QueueConfig Config() => new()
    {
        Name = "support",
        Number = "600",
        Strategy = QueueStrategy.Random,
        WrapUpTime = Distribution.Exponential(20),
        Members = [new QueueMemberConfig { Extension = "4001" }, new QueueMemberConfig { Extension = "4002" }, new QueueMemberConfig { Extension = "4003" }],
    };

    private static void Join(QueueMachine queue, string callId, double seconds) =>
        Assert.True(queue.Join(new QueueEntry(callId, $"SIP/upc-{callId}", "0470123456", "Caller"), At(seconds)).IsOk);

    private static DateTimeOffset At(double seconds) => T0.AddSeconds(seconds);

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);
}
