using Microsoft.Extensions.DependencyInjection;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Surfaces.Faults;
using PbxGrains.Tests.Shared;
using PbxGrains.Tests.EscauxEvents.Infrastructure;

namespace PbxGrains.Tests.EscauxEvents;

/// <summary>
/// Transport faults on the event socket: a rule for endpoint <c>events</c> resets or cuts a tenant's connections as its
/// trigger says (each second of a connection counts as one request); rules for the HTTP API leave the socket alone.
/// </summary>
[Collection(EscauxEventsCollection.Name)]
public sealed class EventSocketFaultTests(EscauxEventsFixture fixture)
{
    private async Task AddFaultAsync(string tenant, FaultRule rule)
    {
        var added = await fixture.Pbx.Tenant(tenant).AddFaultAsync(rule);
        Assert.True(added.IsOk, added.ToString());
        await fixture.Services.GetRequiredService<TenantFaultRules>().HoldsAsync(tenant, added.Value!.Id, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_reset_on_events_drops_the_tenants_socket_and_an_http_rule_does_not()
    {
        var (dropped, kept) = (await fixture.NewTenantAsync(), await fixture.NewTenantAsync());
        await AddFaultAsync(dropped, new FaultRule { Kind = FaultKind.ConnectionReset, Surface = "escaux", Endpoint = "events" });
        await AddFaultAsync(kept, new FaultRule { Kind = FaultKind.ConnectionReset, Surface = "escaux" });
        await using var droppedSocket = await fixture.ConnectAsync(dropped);
        await using var keptSocket = await fixture.ConnectAsync(kept);

        await droppedSocket.Closed.WaitAsync(EventSocketClient.Deadline, TestContext.Current.CancellationToken);

        // The kept tenant's watcher has looked at its rules at least once since (it ticks every second).
        await Task.Delay(TimeSpan.FromSeconds(1.2), TestContext.Current.CancellationToken);
        Assert.False(keptSocket.Closed.IsCompleted);
        var fired = fixture.Services.GetRequiredService<FiredFaults>().Of(dropped);
        Assert.Contains(fired, f => f is { Kind: FaultKind.ConnectionReset, Surface: "escaux", Endpoint: "events" });
    }

    [Fact]
    public async Task A_malformed_body_on_events_sends_half_an_element_and_closes()
    {
        var tenant = await fixture.NewTenantAsync();
        await AddFaultAsync(tenant, new FaultRule { Kind = FaultKind.MalformedBody, Surface = "escaux", Endpoint = "events" });
        await using var socket = await fixture.ConnectAsync(tenant);

        await socket.Closed.WaitAsync(EventSocketClient.Deadline, TestContext.Current.CancellationToken);
        Assert.Single(socket.Seen, e => e.Name.LocalName == "evTenant");
        Assert.True(socket.Unparsed.Length > 0, "a truncated element was left unparsed");
    }

    [Fact]
    public async Task A_pbx_restart_ends_the_calls_without_a_word_and_the_events_come_back_after_it()
    {
        var tenant = await fixture.NewTenantAsync();
        await using var socket = await fixture.ConnectAsync(tenant);
        var call = await fixture.Pbx.InboundAsync(tenant, new InboundCallRequest { CallerIdNumber = "0470123456", Destination = "102" });
        Assert.True(call.IsOk, call.ToString());
        await socket.WaitAsync("evRinging", e => (string?)e.Element("Extension") == "102");

        var restart = await fixture.Pbx.Tenant(tenant).AddFaultAsync(new FaultRule
        {
            Kind = FaultKind.PbxRestart,
            Until = fixture.Time.GetUtcNow().AddSeconds(60),
        });
        Assert.True(restart.IsOk, restart.ToString());
        for (var i = 0; i < 200 && (await fixture.Pbx.ListCallsAsync(tenant)).Length > 0; i++)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        Assert.Empty(await fixture.Pbx.ListCallsAsync(tenant));
        using (await fixture.Http.GetAsync($"/t/{tenant}/xml/ccPing.php", TestContext.Current.CancellationToken))
        {
        }

        // After the restart the feed speaks again: the next ping is heard, and nothing of the restart came before it.
        fixture.Time.Advance(TimeSpan.FromSeconds(60));
        using (await fixture.Http.GetAsync($"/t/{tenant}/xml/ccPing.php", TestContext.Current.CancellationToken))
        {
        }

        await socket.WaitAsync("evPong");
        lock (socket.Seen)
        {
            Assert.DoesNotContain(socket.Seen, e => e.Name.LocalName == "evHangup");
            Assert.Single(socket.Seen, e => e.Name.LocalName == "evPong");
        }
    }
}
