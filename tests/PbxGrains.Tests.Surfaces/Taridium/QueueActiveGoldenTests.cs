using PbxGrains.Tests.Surfaces.Infrastructure;

namespace PbxGrains.Tests.Surfaces.Taridium;

/// <summary>
/// The document's queue sample, produced by the real call model: the calls of the sample pass through queue MC at
/// the sample's times with the sample's unique ids and caller ids, SIP/4002 answers each after the sample's WAITED
/// seconds, and the pages polled along the way, put one after the other, are the sample byte for byte. (The sample
/// lists call 1236607198.147 twice, waiting and then connected: two polls of one call, which is what this shows.)
/// </summary>
public sealed class QueueActiveGoldenTests(SurfaceFixture fixture) : IppsTest(fixture)
{
    private const string Poll = "/ipps/queueactive.php?queue_name=MC&res_cc=1";

    [Fact]
    public async Task The_documents_sample_lines_come_out_exactly_for_the_same_calls_in_queue_MC()
    {
        var tenant = await LoadAsync(Open, [Phone("4002", "Agent 4002")], Queue("MC", "600", "4002"));
        var day = SampleDay();
        var pages = new List<string>();

        // WAITING: SIP/4002 rings, the caller gives up.
        var waiting = await ArriveAsync(tenant, day, "13:55:51", "1236606951.132", "99532356420");
        pages.Add((await GetAsync(tenant, Poll)).Body);
        await HangupAsync(tenant, TrunkLeg(waiting));
        await QueueEmptyAsync(tenant, "MC");

        pages.Add(await ConnectedPageAsync(tenant, day, "13:56:31", "1236606991.135", "99532356420", waitSeconds: 3));

        // The unique id was given a second before the call reached the queue (ENTERED 09:57:10 for id …029.138).
        pages.Add(await ConnectedPageAsync(tenant, day, "13:57:10", "1236607029.138", "448450043606", waitSeconds: 1));
        pages.Add(await ConnectedPageAsync(tenant, day, "13:59:16", "1236607156.144", "792074279", waitSeconds: 2));

        // One call polled twice: waiting while SIP/4002 rings, connected once it answered.
        var twice = await ArriveAsync(tenant, day, "13:59:59", "1236607198.147", "444557400");
        var ringing = await RingingAsync(tenant, "4002");
        pages.Add((await GetAsync(tenant, Poll)).Body);
        pages.Add(await AnswerAndPollAsync(tenant, twice, ringing, day, "13:59:59", waitSeconds: 6));

        pages.Add(await ConnectedPageAsync(tenant, day, "14:00:46", "1236607246.150", "688677809010", waitSeconds: 2));
        pages.Add(await ConnectedPageAsync(tenant, day, "14:02:13", "1236607333.153", "6596489564", waitSeconds: 2));
        pages.Add(await ConnectedPageAsync(tenant, day, "14:02:43", "1236607363.156", "12124611807", waitSeconds: 1));

        Assert.All(pages, page => Assert.Single(page.TrimEnd('\n').Split('\n')));
        Assert.Equal(Golden.Read("queueactive-sample.txt"), string.Concat(pages));
    }

    /// <summary>
    /// The first day from the shared clock's now on which the sample's UTC times of day are still ahead and New York
    /// is four hours behind UTC, as on the sample's 2009-03-09 (the day after daylight time began).
    /// </summary>
    private DateOnly SampleDay()
    {
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var day = DateOnly.FromDateTime(Time.GetUtcNow().UtcDateTime);
        while (At(day, "13:55:51") <= Time.GetUtcNow() || newYork.GetUtcOffset(At(day, "13:55:51")) != TimeSpan.FromHours(-4))
        {
            day = day.AddDays(1);
        }

        return day;
    }

    private static DateTimeOffset At(DateOnly day, string utcTime) =>
        new(day.ToDateTime(TimeOnly.Parse(utcTime, System.Globalization.CultureInfo.InvariantCulture)), TimeSpan.Zero);

    private async Task<Abstractions.Contracts.CallSnapshot> ArriveAsync(string tenant, DateOnly day, string utcTime, string callId, string callerId)
    {
        Time.SetUtcNow(At(day, utcTime));
        return await InboundAsync(tenant, "600", callerId, callId);
    }

    /// <summary>A call enters, SIP/4002 rings and answers after <paramref name="waitSeconds"/>: the page polled then.</summary>
    private async Task<string> ConnectedPageAsync(string tenant, DateOnly day, string utcTime, string callId, string callerId, int waitSeconds)
    {
        var call = await ArriveAsync(tenant, day, utcTime, callId, callerId);
        var ringing = await RingingAsync(tenant, "4002");
        return await AnswerAndPollAsync(tenant, call, ringing, day, utcTime, waitSeconds);
    }

    private async Task<string> AnswerAndPollAsync(string tenant, Abstractions.Contracts.CallSnapshot call, Abstractions.Contracts.ChannelSnapshot ringing,
        DateOnly day, string utcTime, int waitSeconds)
    {
        Time.SetUtcNow(At(day, utcTime).AddSeconds(waitSeconds));
        await AnswerAsync(tenant, ringing);

        // The queue hears of the answer one way: poll until the call shows as connected.
        var page = await Wait.Until(() => GetAsync(tenant, Poll), r => r.Body.Contains(",CONNECTED,", StringComparison.Ordinal), $"call {call.CallId} to be connected");
        await HangupAsync(tenant, TrunkLeg(call));
        await QueueEmptyAsync(tenant, "MC");
        return page.Body;
    }
}
