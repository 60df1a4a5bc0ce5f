using System.Collections.Immutable;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Events;
using PbxGrains.Client.Events;
using PbxGrains.Tests.EscauxEvents.Infrastructure;

namespace PbxGrains.Tests.EscauxEvents;

/// <summary>
/// The vendor-neutral feed across processes: a plain Orleans client (the cluster's client, over the gateway) and an
/// API inside each silo each run their own <see cref="CallEventFeed"/>, as separate API processes would.
/// </summary>
[Collection(EscauxEventsCollection.Name)]
public sealed class CallEventFeedTests(EscauxEventsFixture fixture)
{
    private sealed class Recorder : ICallEventListener, ICallEventObserver
    {
        private readonly Channel<CallEvent> _events = Channel.CreateUnbounded<CallEvent>();

        public int Count => _events.Reader.Count;

        public void OnEvents(ImmutableArray<CallEvent> events)
        {
            foreach (var e in events)
            {
                _events.Writer.TryWrite(e);
            }
        }

        public Task OnEventsAsync(ImmutableArray<CallEvent> events)
        {
            OnEvents(events);
            return Task.CompletedTask;
        }

        public async Task<CallEvent> WaitAsync(Func<CallEvent, bool> match)
        {
            using var deadline = new CancellationTokenSource(EventSocketClient.Deadline);
            while (true)
            {
                var e = await _events.Reader.ReadAsync(deadline.Token);
                if (match(e))
                {
                    return e;
                }
            }
        }
    }

    private IEnumerable<CallEventFeed> ProcessFeeds() =>
        new[] { (IGrainFactory)fixture.Cluster.Client }
            .Concat(fixture.Cluster.Silos.Select(s => s.ServiceProvider.GetRequiredService<IGrainFactory>()))
            .Select(grains => new CallEventFeed(grains, NullLogger<CallEventFeed>.Instance));

    [Fact]
    public async Task Every_process_that_follows_a_tenant_receives_its_pings_and_calls_until_it_stops()
    {
        var tenant = await fixture.NewTenantAsync();
        var feeds = ProcessFeeds().ToList();
        var recorders = feeds.Select(_ => new Recorder()).ToList();
        var subscriptions = new List<IAsyncDisposable>();
        for (var i = 0; i < feeds.Count; i++)
        {
            subscriptions.Add(await feeds[i].SubscribeAsync(tenant, recorders[i]));
        }

        try
        {
            using (var answer = await fixture.Http.GetAsync($"/t/{tenant}/xml/ccPing.php"))
            {
                Assert.Contains("<Result>0</Result>", await answer.Content.ReadAsStringAsync());
            }

            foreach (var recorder in recorders)
            {
                await recorder.WaitAsync(e => e.Kind == CallEventKind.Ping);
            }

            var call = await fixture.Pbx.InboundAsync(tenant, new InboundCallRequest { CallerIdNumber = "104", Destination = "102" });
            Assert.True(call.IsOk, call.ToString());
            foreach (var recorder in recorders)
            {
                var created = await recorder.WaitAsync(e => e.Kind == CallEventKind.ChannelCreated && e.Originating);
                Assert.Equal(call.Value!.CallId, created.Channel!.CallId);
                Assert.Equal(fixture.Time.GetUtcNow(), created.At);
            }

            // The first process stops following the tenant; the others still get the next ping, it gets nothing.
            await subscriptions[0].DisposeAsync();
            var stopped = recorders[0].Count;
            await fixture.Feed.PingAsync(tenant, "after", fixture.Time.GetUtcNow());
            foreach (var recorder in recorders.Skip(1))
            {
                await recorder.WaitAsync(e => e.Token == "after");
            }

            Assert.Equal(stopped, recorders[0].Count);
        }
        finally
        {
            foreach (var feed in feeds)
            {
                await feed.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_hub_forgets_a_subscriber_whose_lease_ran_out()
    {
        var tenant = await fixture.NewTenantAsync();
        var hub = fixture.Cluster.Client.GetGrain<ICallEventHubGrain>(CallEventShards.KeyOf(tenant, "ping"));
        var lapsed = new Recorder();
        var live = new Recorder();
        var lapsedReference = fixture.Cluster.Client.CreateObjectReference<ICallEventObserver>(lapsed);
        var liveReference = fixture.Cluster.Client.CreateObjectReference<ICallEventObserver>(live);
        try
        {
            await hub.SubscribeAsync(lapsedReference, TimeSpan.Zero);
            await hub.SubscribeAsync(liveReference, TimeSpan.FromMinutes(1));

            await hub.PingAsync("ping", fixture.Time.GetUtcNow());

            await live.WaitAsync(e => e.Token == "ping");
            Assert.Equal(0, lapsed.Count);
        }
        finally
        {
            fixture.Cluster.Client.DeleteObjectReference<ICallEventObserver>(lapsedReference);
            fixture.Cluster.Client.DeleteObjectReference<ICallEventObserver>(liveReference);
        }
    }
}
