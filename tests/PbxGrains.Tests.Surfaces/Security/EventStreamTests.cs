using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PbxGrains.Client.Events;
using PbxGrains.Host.Api.Events;

namespace PbxGrains.Tests.Surfaces.Security;

/// <summary>
/// <c>GET /sim/tenants/{tenant}/events</c> (what the wallboard follows) on the host itself: a call's events arrive and
/// end, another tenant's stream sees none of them, the control API's keys apply, and the per-tenant limit is a clear 429.
/// </summary>
[Collection(KeyedHostCollection.Name)]
public sealed class EventStreamTests(KeyedHostFixture host)
{
    // A bound on waiting for an event, not a measure of speed.
    private static readonly TimeSpan EventLimit = TimeSpan.FromSeconds(20);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> CreateAsync(string prefix, string first, string second)
    {
        var id = $"{prefix}-{Guid.NewGuid():N}"[..16];
        using var admin = host.Client(KeyedHostFixture.AdminKey);
        var scenario = $"extensions:\n  - {{number: \"{first}\", registered: true, phone: {{mode: manual}}}}\n" +
            $"  - {{number: \"{second}\", registered: true, phone: {{mode: manual}}}}\n";
        using var created = await admin.PutAsync($"/sim/tenants/{id}", new StringContent(scenario, Encoding.UTF8, "application/yaml"), Ct);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        return id;
    }

    [Fact]
    public async Task A_streams_client_sees_a_call_placed_and_hung_up_and_another_tenants_stream_sees_none_of_it()
    {
        var red = await CreateAsync("events-a", "100", "101");
        var blue = await CreateAsync("events-b", "200", "201");
        using var admin = host.Client(KeyedHostFixture.AdminKey);
        await using var redEvents = await EventReader.OpenAsync(admin, red);
        await using var blueEvents = await EventReader.OpenAsync(admin, blue);
        Assert.Equal(red, (await redEvents.NextAsync(TenantEventStreams.ReadyEvent)).GetProperty("tenant").GetString());
        await blueEvents.NextAsync(TenantEventStreams.ReadyEvent);

        using var dialled = await admin.PostAsJsonAsync($"/sim/tenants/{red}/calls", new { from = "100", to = "101" }, Ct);
        Assert.Equal(HttpStatusCode.Created, dialled.StatusCode);
        var callId = (await dialled.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("callId").GetString();

        var created = await redEvents.FindAsync(e => e.GetProperty("kind").GetString() == "channelCreated" && Str(e, "callId") == callId);
        Assert.StartsWith("SIP/100-", Str(created, "channel"), StringComparison.Ordinal);

        using (var hungUp = await admin.PostAsync($"/sim/tenants/{red}/extensions/100/hangup", null, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, hungUp.StatusCode);
        }

        await redEvents.FindAsync(e => e.GetProperty("kind").GetString() == "hungUp" && Str(e, "callId") == callId && Str(e, "channel")!.StartsWith("SIP/101-", StringComparison.Ordinal));

        // Blue's own call comes after red's has ended: whatever blue's stream delivered until then is blue's only.
        using var blueCall = await admin.PostAsJsonAsync($"/sim/tenants/{blue}/calls", new { from = "200", to = "201" }, Ct);
        Assert.Equal(HttpStatusCode.Created, blueCall.StatusCode);
        await blueEvents.FindAsync(e => Str(e, "channel")?.StartsWith("SIP/201-", StringComparison.Ordinal) == true);
        Assert.NotEmpty(blueEvents.Seen);
        Assert.All(blueEvents.Seen, e =>
        {
            Assert.DoesNotContain("SIP/10", Str(e, "channel") ?? "", StringComparison.Ordinal);
            Assert.False(Str(e, "extension") is "100" or "101", $"blue's stream saw red's extension {Str(e, "extension")}");
        });
    }

    [Fact]
    public async Task Without_a_key_a_stream_is_401_with_another_tenants_key_403_and_for_an_unknown_tenant_404()
    {
        var red = await CreateAsync("events-k", "100", "101");
        using var anonymous = host.Client();
        using (var answer = await anonymous.GetAsync($"/sim/tenants/{red}/events", HttpCompletionOption.ResponseHeadersRead, Ct))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        }

        using var blueKey = host.Client(KeyedHostFixture.BlueKey);
        using (var answer = await blueKey.GetAsync($"/sim/tenants/{red}/events", HttpCompletionOption.ResponseHeadersRead, Ct))
        {
            Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        }

        using var admin = host.Client(KeyedHostFixture.AdminKey);
        using (var answer = await admin.GetAsync("/sim/tenants/no-such-tenant/events", HttpCompletionOption.ResponseHeadersRead, Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        }

        Assert.Equal(0, host.Services.GetRequiredService<TenantEventStreams>().StreamsOf(red));
    }

    [Fact]
    public async Task One_stream_more_than_the_tenants_limit_is_429_with_the_limit_named_and_leaving_frees_the_slots()
    {
        var red = await CreateAsync("events-l", "100", "101");
        using var admin = host.Client(KeyedHostFixture.AdminKey);
        var streams = host.Services.GetRequiredService<TenantEventStreams>();
        var open = new List<EventReader>();
        for (var i = 0; i < KeyedHostFixture.MaxStreamsPerTenant; i++)
        {
            var reader = await EventReader.OpenAsync(admin, red);
            await reader.NextAsync(TenantEventStreams.ReadyEvent);
            open.Add(reader);
        }

        Assert.Equal(KeyedHostFixture.MaxStreamsPerTenant, streams.StreamsOf(red));
        using (var refused = await admin.GetAsync($"/sim/tenants/{red}/events", HttpCompletionOption.ResponseHeadersRead, Ct))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.NotNull(refused.Headers.RetryAfter);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.Equal("TooManyEventStreams", problem.GetProperty("error").GetString());
            Assert.Contains("MaxStreamsPerTenant", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        foreach (var reader in open)
        {
            await reader.DisposeAsync();
        }

        // The last one gone, the tenant's listener goes too (the request ends a moment after the client leaves).
        var limit = DateTime.UtcNow + EventLimit;
        while (streams.StreamsOf(red) > 0 && DateTime.UtcNow < limit)
        {
            await Task.Delay(50, Ct);
        }

        Assert.Equal(0, streams.StreamsOf(red));
        await using var again = await EventReader.OpenAsync(admin, red);
        await again.NextAsync(TenantEventStreams.ReadyEvent);
    }

    [Fact]
    public async Task A_client_that_falls_behind_its_buffer_gets_overrun_and_its_stream_ends_instead_of_buffering_on()
    {
        var red = await CreateAsync("events-o", "100", "101");

        // The host's own feed and settings, with a buffer of two deliveries.
        var services = host.Services;
        var options = new EventStreamOptions { BufferedBatches = 2 };
        var streams = new TenantEventStreams(
            services.GetRequiredService<CallEventFeed>(),
            Options.Create(options),
            services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>(),
            services.GetRequiredService<IHostApplicationLifetime>());
        var (stream, refusal) = await streams.OpenAsync(red, Ct);
        Assert.Null(refusal);
        using var admin = host.Client(KeyedHostFixture.AdminKey);
        await using var watcher = await EventReader.OpenAsync(admin, red);
        await watcher.NextAsync(TenantEventStreams.ReadyEvent);
        await using (stream!)
        {
            // Not read meanwhile: a call and its end are more deliveries than two.
            using (var dialled = await admin.PostAsJsonAsync($"/sim/tenants/{red}/calls", new { from = "100", to = "101" }, Ct))
            {
                Assert.Equal(HttpStatusCode.Created, dialled.StatusCode);
            }

            using (var hungUp = await admin.PostAsync($"/sim/tenants/{red}/extensions/100/hangup", null, Ct))
            {
                Assert.Equal(HttpStatusCode.OK, hungUp.StatusCode);
            }

            // The feed hands each delivery to every listener of the process in one go: once the watcher has the end of the
            // call, the unread stream has been offered every delivery of it.
            await watcher.FindAsync(e => e.GetProperty("kind").GetString() == "hungUp" && Str(e, "channel")!.StartsWith("SIP/101-", StringComparison.Ordinal));

            using var limit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            limit.CancelAfter(EventLimit);
            var types = new List<string>();
            await foreach (var item in stream!.ReadAllAsync(limit.Token))
            {
                types.Add(item.EventType ?? "");
            }

            Assert.Equal(TenantEventStreams.ReadyEvent, types[0]);
            Assert.Equal(TenantEventStreams.OverrunEvent, types[^1]);
            Assert.Equal(options.BufferedBatches, types.Count(t => t == TenantEventStreams.CallsEvent));
        }

        Assert.Equal(0, streams.StreamsOf(red));
    }

    [Fact]
    public async Task Beyond_the_process_limit_a_stream_of_any_tenant_is_refused_naming_MaxStreams()
    {
        var services = host.Services;
        var streams = new TenantEventStreams(
            services.GetRequiredService<CallEventFeed>(),
            Options.Create(new EventStreamOptions { MaxStreams = 1 }),
            services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>(),
            services.GetRequiredService<IHostApplicationLifetime>());
        var (first, _) = await streams.OpenAsync(await CreateAsync("events-p", "100", "101"), Ct);
        await using (first!)
        {
            var other = await CreateAsync("events-q", "100", "101");
            var (second, refusal) = await streams.OpenAsync(other, Ct);
            Assert.Null(second);
            Assert.Contains("MaxStreams", refusal, StringComparison.Ordinal);
            Assert.Equal(0, streams.StreamsOf(other));
        }

        // The slot is free again once the first has left.
        var (again, _) = await streams.OpenAsync(await CreateAsync("events-r", "100", "101"), Ct);
        Assert.NotNull(again);
        await again.DisposeAsync();
    }

    private static string? Str(JsonElement e, string name) => e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>A client's side of one stream: server-sent events parsed as they arrive.</summary>
    private sealed class EventReader : IAsyncDisposable
    {
        private readonly HttpResponseMessage _response;
        private readonly StreamReader _reader;

        private EventReader(HttpResponseMessage response, StreamReader reader)
        {
            _response = response;
            _reader = reader;
        }

        /// <summary>Every call event read so far.</summary>
        public List<JsonElement> Seen { get; } = [];

        public static async Task<EventReader> OpenAsync(HttpClient client, string tenant)
        {
            var response = await client.GetAsync($"/sim/tenants/{tenant}/events", HttpCompletionOption.ResponseHeadersRead, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
            return new EventReader(response, new StreamReader(await response.Content.ReadAsStreamAsync(Ct)));
        }

        /// <summary>The data of the next event of <paramref name="type"/> (events of other types are read past).</summary>
        public async Task<JsonElement> NextAsync(string type)
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            limit.CancelAfter(EventLimit);
            while (true)
            {
                var (eventType, data) = await ReadEventAsync(limit.Token);
                if (eventType == type)
                {
                    return data;
                }
            }
        }

        /// <summary>The first call event that matches, reading deliveries until one holds it.</summary>
        public async Task<JsonElement> FindAsync(Func<JsonElement, bool> match)
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            limit.CancelAfter(EventLimit);
            while (true)
            {
                var (type, data) = await ReadEventAsync(limit.Token);
                if (type != TenantEventStreams.CallsEvent)
                {
                    continue;
                }

                foreach (var e in data.EnumerateArray())
                {
                    Seen.Add(e.Clone());
                    if (match(e))
                    {
                        return e;
                    }
                }
            }
        }

        private async Task<(string Type, JsonElement Data)> ReadEventAsync(CancellationToken cancellationToken)
        {
            var type = "message";
            var data = new StringBuilder();
            while (await _reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (line.Length == 0)
                {
                    if (data.Length > 0)
                    {
                        return (type, JsonDocument.Parse(data.ToString()).RootElement.Clone());
                    }

                    continue;
                }

                if (line.StartsWith("event:", StringComparison.Ordinal))
                {
                    type = line[6..].Trim();
                }
                else if (line.StartsWith("data:", StringComparison.Ordinal))
                {
                    data.Append(line[5..].TrimStart());
                }
            }

            throw new InvalidOperationException("The event stream ended.");
        }

        public ValueTask DisposeAsync()
        {
            _reader.Dispose();
            _response.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
