using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Tests.Cluster.Infrastructure;
using PbxGrains.Tests.Cluster.Simulation;
using static PbxGrains.Tests.Cluster.Traffic.TrafficSetup;

namespace PbxGrains.Tests.Cluster.Traffic;

/// <summary>Outbound and internal generators on the stepped clock: extensions of the tenant place the calls, which ring, answer and end on time.</summary>
public sealed class SteppedExtensionTrafficTests(SteppedClusterFixture fixture) : SteppedTrafficTest(fixture)
{
    [Fact]
    public async Task An_outbound_generator_dials_from_a_free_source_and_a_magic_busy_number_beats_the_tenants_rule()
    {
        var (t, generator) = await LoadWithAsync(Office(NewTenantId(), Outbound("4001", "4002")), "out");
        var busy = TestTenant.Ok(await Pbx.DialAsync(t, new DialRequest { FromExtension = "4001", Destination = "4003" }), "dial 4001 to 4003");
        await RunDueAsync();
        var ringing = Assert.Single((await Pbx.Extension(t, "4003").GetAsync()).Channels, c => c.State == ChannelState.Ringing);
        TestTenant.Ok(await Pbx.AnswerAsync(t, ringing.Name), "answer on 4003");
        await RunDueAsync();
        Assert.Equal(DeviceState.InUse, (await Pbx.Extension(t, "4001").GetAsync()).DeviceState);

        TestTenant.Ok(await generator.StartAsync(), "start");
        await RunDueAsync();

        var view = await generator.GetAsync();
        Assert.Equal((1, 0), (view.Placed, view.Skipped));
        var call = Assert.Single(await Pbx.ListCallsAsync(t), c => c.CallId != busy.CallId);
        Assert.Equal(("4002", "5550102"), (call.Source, call.Destination));

        await RunForAsync(1);

        var cdr = await CdrAsync(t, call);
        Assert.Equal((CdrDisposition.Busy, HangupCause.UserBusy, "4002", "5550102"), (cdr.Disposition, cdr.HangupCause, cdr.Source, cdr.Destination));
        Assert.Equal(call.Started.AddSeconds(1), cdr.End);
        var source = await Pbx.Extension(t, "4002").GetAsync();
        Assert.Equal((DeviceState.NotInUse, 0), (source.DeviceState, source.Channels.Length));
        var left = Assert.Single(await Pbx.ListCallsAsync(t));
        Assert.Equal((busy.CallId, CallPhase.Connected), (left.CallId, left.Phase));
    }

    [Fact]
    public async Task Internal_traffic_calls_from_one_source_to_another()
    {
        var traffic = new TrafficConfig
        {
            Name = "office",
            Kind = TrafficKind.Internal,
            Sources = ["4001", "4002"],
            InitialCalls = 1,
            TalkTime = Distribution.Constant(5),
        };
        var definition = Define.Tenant(NewTenantId(), [Define.AutoAnswer("4001"), Define.AutoAnswer("4002")]) with { Traffic = [traffic] };
        var (t, generator) = await LoadWithAsync(definition, "office");
        var start = Now;

        Assert.Equal(1, (await generator.GetAsync()).Placed);
        var call = Assert.Single(await Pbx.ListCallsAsync(t));
        Assert.Contains(call.Source, new[] { "4001", "4002" });
        var callee = call.Source == "4001" ? "4002" : "4001";
        Assert.Equal(callee, call.Destination);
        Assert.Contains((await Pbx.Extension(t, callee).GetAsync()).Channels, c => c.State == ChannelState.Ringing);

        // The callee's phone answers a second after it starts ringing; the caller hangs up five seconds later.
        await RunUntilAsync(start.AddSeconds(1));
        var connected = await Pbx.Call(t, call.CallId).GetAsync();
        Assert.Equal((CallPhase.Connected, (DateTimeOffset?)start.AddSeconds(1)), (connected!.Phase, connected.Answered));

        await RunUntilAsync(start.AddSeconds(6));

        var cdr = await CdrAsync(t, call);
        Assert.Equal((CdrDisposition.Answered, 5, call.Source, callee), (cdr.Disposition, cdr.BillSec, cdr.Source, cdr.Destination));
        Assert.Equal(start.AddSeconds(6), cdr.End);
        Assert.Empty(await Pbx.ListCallsAsync(t));
        foreach (var number in new[] { "4001", "4002" })
        {
            var extension = await Pbx.Extension(t, number).GetAsync();
            Assert.Equal((DeviceState.NotInUse, 0), (extension.DeviceState, extension.Channels.Length));
        }
    }
}
