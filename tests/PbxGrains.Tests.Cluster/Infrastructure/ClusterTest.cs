using System.Collections.Immutable;
using Microsoft.Extensions.Time.Testing;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Client;

namespace PbxGrains.Tests.Cluster.Infrastructure;

/// <summary>
/// The base of every cluster test: each test loads a tenant of its own (a fresh id), so tests share the cluster but
/// no state, and may run in any order.
/// </summary>
[Collection(ClusterCollection.Name)]
public abstract class ClusterTest(ClusterFixture fixture)
{
    protected ClusterFixture Fixture => fixture;

    protected PbxClient Pbx => fixture.Pbx;

    protected FakeTimeProvider Time => fixture.Time;

    protected static string NewTenantId() => "t" + Guid.NewGuid().ToString("N");

    /// <summary>Moves the call model's clock; timers that fall due fire in order and reach their grains one way.</summary>
    protected void Advance(double seconds) => Time.Advance(TimeSpan.FromSeconds(seconds));

    protected async Task<TestTenant> LoadAsync(TenantDefinition definition)
    {
        var loaded = await Pbx.Tenant(definition.Id).LoadAsync(definition, replace: false);
        Assert.True(loaded.IsOk, $"the test tenant should load: {loaded}");
        return new TestTenant(fixture, definition.Id);
    }

    protected Task<TestTenant> LoadAsync(params ExtensionConfig[] extensions) => LoadAsync(Define.Tenant(NewTenantId(), extensions));

    protected Task<TestTenant> LoadAsync(Func<string, TenantDefinition> define) => LoadAsync(define(NewTenantId()));
}

/// <summary>A loaded test tenant and the questions tests ask about it.</summary>
public sealed class TestTenant(ClusterFixture fixture, string id)
{
    public string Id => id;

    private PbxClient Pbx => fixture.Pbx;

    private DateOnly Today => DateOnly.FromDateTime(fixture.Time.GetUtcNow().UtcDateTime);

    public Task<ExtensionView> ExtensionAsync(string number) => Pbx.Extension(id, number).GetAsync();

    public Task<CallSnapshot?> CallAsync(string callId) => Pbx.Call(id, callId).GetAsync();

    public Task<QueueSnapshot> QueueAsync(string name) => Pbx.Queue(id, name).GetSnapshotAsync();

    public Task<ImmutableArray<CallSnapshot>> CallsAsync() => Pbx.ListCallsAsync(id);

    /// <summary>The live listing once it satisfies <paramref name="condition"/>: calls reach their listing shard one way.</summary>
    public Task<ImmutableArray<CallSnapshot>> CallsUntilAsync(Func<ImmutableArray<CallSnapshot>, bool> condition, string what) =>
        Wait.Until(CallsAsync, condition, $"the live listing: {what}");

    public Task<ImmutableArray<CdrRecord>> CdrsAsync() => Pbx.ListCdrsAsync(id, Today);

    public Task<ExtensionView> DeviceStateAsync(string number, DeviceState state) =>
        Wait.Until(() => ExtensionAsync(number), v => v.DeviceState == state, $"extension {number} to be {state}");

    /// <summary>The extension's one live channel in <paramref name="state"/>, once the extension shows it.</summary>
    public async Task<ChannelSnapshot> ChannelAsync(string number, ChannelState state)
    {
        var view = await Wait.Until(() => ExtensionAsync(number), v => v.Channels.Any(c => c.State == state),
            $"extension {number} to have a {state} channel");
        return view.Channels.Single(c => c.State == state);
    }

    /// <summary>The channel as its address publishes it, once the address has a picture satisfying <paramref name="condition"/>.</summary>
    public Task<ChannelSnapshot?> ChannelByNameAsync(string name, Func<ChannelSnapshot, bool> condition) =>
        Wait.Until(() => Pbx.FindChannelAsync(id, name), c => c is not null && condition(c), $"channel {name}");

    public Task<CallSnapshot?> CallUntilAsync(string callId, Func<CallSnapshot, bool> condition, string what) =>
        Wait.Until(() => CallAsync(callId), c => c is not null && condition(c), $"call {callId}: {what}");

    public async Task<CdrRecord> CdrAsync(string callId)
    {
        var cdrs = await Wait.Until(CdrsAsync, all => all.Any(c => c.UniqueId == callId), $"a CDR for call {callId}");
        return cdrs.Single(c => c.UniqueId == callId);
    }

    /// <summary>A call that ended leaves nothing live behind: no channel on its extensions, no listing, no queue reservation.</summary>
    public async Task IsGoneAsync(string callId, params string[] extensions)
    {
        foreach (var number in extensions)
        {
            var view = await Wait.Until(() => ExtensionAsync(number), v => v.Channels.IsEmpty && v.DeviceState == DeviceState.NotInUse,
                $"extension {number} to be idle again");
            Assert.Empty(view.Channels);
        }

        await Wait.Until(async () => (await CallsAsync()).All(c => c.CallId != callId), $"call {callId} to leave the live listing");
    }

    /// <summary>Dials from one phone to another and answers: the call id and both channels, bridged.</summary>
    public async Task<(string CallId, ChannelSnapshot Caller, ChannelSnapshot Callee)> ConnectAsync(string from, string to)
    {
        var call = Ok(await Pbx.DialAsync(id, new DialRequest { FromExtension = from, Destination = to }), $"dial {from} to {to}");
        var callee = await ChannelAsync(to, ChannelState.Ringing);
        await AnswerAsync(callee);
        var connected = await CallUntilAsync(call.CallId, c => c.Phase == CallPhase.Connected, "connected");
        return (call.CallId, connected!.Legs.Single(l => l.Endpoint == from), connected.Legs.Single(l => l.Endpoint == to));
    }

    /// <summary>A call from outside (a trunk) to a number of the tenant.</summary>
    public async Task<CallSnapshot> InboundAsync(string destination, string caller = "0612345678", double? patienceSeconds = null) =>
        Ok(await Pbx.InboundAsync(id, new InboundCallRequest
        {
            CallerIdNumber = caller,
            CallerIdName = $"Caller {caller}",
            Destination = destination,
            PatienceSeconds = patienceSeconds,
        }), $"inbound call to {destination}");

    public async Task AnswerAsync(ChannelSnapshot channel) => Ok(await Pbx.AnswerAsync(id, channel.Name), $"answer {channel.Name}");

    public async Task HangupAsync(ChannelSnapshot channel) => Ok(await Pbx.HangupAsync(id, channel.Name), $"hang up {channel.Name}");

    public static void Ok(PbxResult result, string what) => Assert.True(result.IsOk, $"{what}: {result}");

    public static T Ok<T>(PbxResult<T> result, string what)
    {
        Assert.True(result.IsOk, $"{what}: {result}");
        return result.Value!;
    }
}
