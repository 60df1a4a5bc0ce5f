using System.Collections.Immutable;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Client;
using PbxGrains.Surfaces.Taridium;

namespace PbxGrains.Tests.Surfaces.Infrastructure;

/// <summary>
/// The base of every IPPS test over the cluster: each test loads tenants of its own (fresh ids), so tests share the
/// cluster but no state, and may run in any order.
/// </summary>
[Collection(SurfaceCollection.Name)]
public abstract class IppsTest(SurfaceFixture fixture)
{
    /// <summary>IPPS on, no authentication, no SSL, the document's country rules, on the document's New York time.</summary>
    protected static readonly ImmutableDictionary<string, string> Open = Ipps(
        ("IPPSEnabled", "true"), ("DomesticNumberMaxLen", "9"), ("DefaultCountryID", "Switzerland"), ("TimeZone", "America/New_York"));

    protected SurfaceFixture Fixture => fixture;

    protected PbxClient Pbx => fixture.Pbx;

    protected FakeTimeProvider Time => fixture.Time;

    protected static string NewTenantId() => "t" + Guid.NewGuid().ToString("N");

    protected static ImmutableDictionary<string, string> Ipps(params (string Key, string Value)[] settings) =>
        settings.ToImmutableDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);

    /// <summary>A phone that rings until a test answers it.</summary>
    protected static ExtensionConfig Phone(string number, string? name = null, string? callerIdNumber = null, string? accountCode = null) => new()
    {
        Number = number,
        Name = name ?? $"User {number}",
        CallerIdNumber = callerIdNumber,
        AccountCode = accountCode,
        Phone = new PhoneBehaviour { Mode = PhoneMode.Manual },
    };

    protected static QueueConfig Queue(string name, string number, params string[] members) => new()
    {
        Name = name,
        Number = number,
        Strategy = QueueStrategy.RingAll,
        MemberTimeoutSeconds = 60,
        RetrySeconds = 1,
        Members = [.. members.Select(m => new QueueMemberConfig { Extension = m })],
    };

    /// <summary>A tenant whose extensions are all registered, with these IPPS settings (none: no taridium section).</summary>
    protected static TenantDefinition Tenant(string id, ImmutableDictionary<string, string>? taridium, IEnumerable<ExtensionConfig> extensions, params QueueConfig[] queues)
    {
        var all = extensions.ToImmutableArray();
        return new TenantDefinition
        {
            Id = id,
            Settings = new TenantSettings
            {
                Surfaces = taridium is null
                    ? ImmutableDictionary<string, ImmutableDictionary<string, string>>.Empty
                    : ImmutableDictionary<string, ImmutableDictionary<string, string>>.Empty.Add(TaridiumSettings.SurfaceName, taridium),
            },
            Extensions = all,
            Queues = [.. queues],
            Registrations = all.ToImmutableDictionary(
                e => e.Number,
                e => new Registration("10.0.0.1", 5060, "PbxGrains test phone", $"sip:{e.Number}@10.0.0.1:5060", SurfaceFixture.Start)),
        };
    }

    protected async Task<string> LoadAsync(TenantDefinition definition)
    {
        var loaded = await Pbx.Tenant(definition.Id).LoadAsync(definition, replace: false);
        Assert.True(loaded.IsOk, $"the test tenant should load: {loaded}");
        return definition.Id;
    }

    protected Task<string> LoadAsync(ImmutableDictionary<string, string>? taridium, IEnumerable<ExtensionConfig> extensions, params QueueConfig[] queues) =>
        LoadAsync(Tenant(NewTenantId(), taridium, extensions, queues));

    /// <summary>An IPPS request as a client sends it: to <c>/t/{tenant}{path}</c>, over http or https, with basic credentials.</summary>
    protected async Task<IppsReply> GetAsync(string tenant, string pathAndQuery, (string User, string Password)? credentials = null,
        bool https = false, HttpMethod? method = null, Action<HttpRequestMessage>? configure = null)
    {
        var scheme = https ? "https" : "http";
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, new Uri($"{scheme}://localhost/t/{tenant}{pathAndQuery}"));
        if (credentials is { } c)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{c.User}:{c.Password}")));
        }

        configure?.Invoke(request);
        using var response = await Fixture.Http.SendAsync(request, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        return new IppsReply(response.StatusCode, Encoding.UTF8.GetString(body), body.Length,
            response.Content.Headers.ContentType?.ToString(), response.Content.Headers.ContentLength,
            response.Headers.WwwAuthenticate.ToString());
    }

    /// <summary>
    /// Polls until the body is <paramref name="expected"/> (grains learn of some changes one way, so a picture may lag
    /// an action by a moment), then asserts it, so a failure shows the last body against the expected one.
    /// </summary>
    protected async Task<IppsReply> EventuallyAsync(string tenant, string pathAndQuery, string expected, (string User, string Password)? credentials = null)
    {
        var reply = await GetAsync(tenant, pathAndQuery, credentials);
        var waited = Stopwatch.StartNew();
        while (reply.Body != expected && waited.Elapsed < Wait.Limit)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
            reply = await GetAsync(tenant, pathAndQuery, credentials);
        }

        Assert.Equal(expected, reply.Body);
        return reply;
    }

    protected Task<ExtensionView> ExtensionAsync(string tenant, string number, Func<ExtensionView, bool> condition, string what) =>
        Wait.Until(() => Pbx.Extension(tenant, number).GetAsync(), condition, $"extension {number}: {what}");

    /// <summary>The extension's ringing channel, once it rings.</summary>
    protected async Task<ChannelSnapshot> RingingAsync(string tenant, string number)
    {
        var view = await ExtensionAsync(tenant, number, v => v.Channels.Any(c => c.State == ChannelState.Ringing), "ringing");
        return view.Channels.Single(c => c.State == ChannelState.Ringing);
    }

    protected async Task AnswerAsync(string tenant, ChannelSnapshot channel) =>
        Assert.True((await Pbx.AnswerAsync(tenant, channel.Name)).IsOk, $"answer {channel.Name}");

    protected async Task HangupAsync(string tenant, string channel) =>
        Assert.True((await Pbx.HangupAsync(tenant, channel)).IsOk, $"hang up {channel}");

    /// <summary>A call from outside to <paramref name="destination"/>, with the unique id the test chooses when it gives one.</summary>
    protected async Task<CallSnapshot> InboundAsync(string tenant, string destination, string callerId, string? callId = null)
    {
        var request = new InboundCallRequest { CallerIdNumber = callerId, Destination = destination };
        var result = callId is null
            ? await Pbx.InboundAsync(tenant, request)
            : await Pbx.Call(tenant, callId).InboundAsync(request);
        Assert.True(result.IsOk, $"inbound call from {callerId}: {result}");
        return result.Value!;
    }

    protected static string TrunkLeg(CallSnapshot call) => call.Legs.Single(l => l.EndpointKind == EndpointKind.Trunk).Name;

    /// <summary>Waits until the queue has no call left (and its member is idle), so the next step starts clean.</summary>
    protected Task QueueEmptyAsync(string tenant, string queue) =>
        Wait.Until(() => Pbx.Queue(tenant, queue).GetSnapshotAsync(), q => q.Calls.IsEmpty && q.Members.All(m => !m.InCall && m.BusyWithCall is null),
            $"queue {queue} to be empty");
}

/// <summary>What an IPPS request answered.</summary>
public sealed record class IppsReply(HttpStatusCode Status, string Body, int Length, string? ContentType, long? ContentLength, string Challenge)
{
    public string[] Lines => Body.Length == 0 ? [] : Body.TrimEnd('\n').Split('\n');
}

/// <summary>Polling for state that other grains learn of one way. It waits for propagation; it measures nothing.</summary>
public static class Wait
{
    /// <summary>Generous: CI runs every test project at once on two cores, and the limit only turns a hang into a failure.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    public static async Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> condition, string what)
    {
        var value = await read();
        var waited = Stopwatch.StartNew();
        while (!condition(value) && waited.Elapsed < Limit)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
            value = await read();
        }

        Assert.True(condition(value), $"waited {Limit.TotalSeconds:0} s for {what}");
        return value;
    }
}
