using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using PbxGrains.Tests.Ami.Infrastructure;

namespace PbxGrains.Tests.Ami;

/// <summary>The manager interface's instruments on the PbxGrains meter: connections, actions by name and response, events.</summary>
[Collection(AmiCollection.Name)]
public sealed class MetricsTests(AmiFixture fixture)
{
    [Fact]
    public async Task Connections_actions_by_name_and_response_and_events_sent_are_counted()
    {
        var counts = new ConcurrentDictionary<string, long>();
        // Only this host's meter: other hosts of the process count on meters of the same name.
        var meters = fixture.Services.GetRequiredService<IMeterFactory>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, meters) && instrument.Meter.Name == "PbxGrains"
                && instrument.Name.StartsWith("pbx.ami.", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var key = instrument.Name;
            foreach (var tag in tags)
            {
                key += $"|{tag.Key}={tag.Value}";
            }

            // Connections is an up-down counter: a connection of an earlier test that closes meanwhile counts -1, so
            // the sum can stay at 0 although this test's connection counted +1. Openings are counted apart.
            if (instrument.Name == "pbx.ami.connections" && value > 0)
            {
                key += "|opened";
            }

            counts.AddOrUpdate(key, value, (_, sum) => sum + value);
        });
        listener.Start();

        var tenant = await fixture.NewTenantAsync();
        await using (var client = await fixture.LoginAsync(tenant))
        {
            await client.ActionAsync("Ping");
            await client.ActionAsync("NoSuchAction");
            await client.ActionAsync("UserEvent", ("UserEvent", "Counted"));
            await client.WaitEventAsync("UserEvent");

            Assert.True(counts.GetValueOrDefault("pbx.ami.connections|opened") >= 1);
        }

        Assert.Equal(1, counts.GetValueOrDefault("pbx.ami.actions|action=Ping|response=Success"));
        Assert.Equal(1, counts.GetValueOrDefault("pbx.ami.actions|action=unknown|response=Error"));
        Assert.Equal(1, counts.GetValueOrDefault("pbx.ami.actions|action=Login|response=Success"));
        Assert.True(counts.GetValueOrDefault("pbx.ami.events.sent") >= 1);
    }
}
