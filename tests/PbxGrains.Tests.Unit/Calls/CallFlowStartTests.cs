using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Grains.Calls.Flow;

namespace PbxGrains.Tests.Unit.Calls;

/// <summary>How calls begin: what each start request is refused for, the first leg it opens, and what follows.</summary>
public sealed class CallFlowStartTests
{
    [Fact]
    public void An_originate_rings_the_source_first_showing_the_number_it_will_dial()
    {
        var h = new CallHarness(CallHarness.Phone("4001"), CallHarness.Phone("4002"));

        var reply = h.Originate("4001", "4002");

        Assert.Equal(CallReply.Done, reply);
        Assert.True(h.Call.Started);
        Assert.Equal(CallPhase.Setup, h.Call.Phase);
        var source = Assert.Single(h.Call.Legs);
        Assert.Equal((LegRole.Caller, ChannelState.Ringing, CallHarness.CallId), (source.Role, source.Channel.State, source.Channel.UniqueId));
        Assert.Equal(("4002", "4002"), (source.Channel.CallerIdNumber, source.Channel.CallerIdName));
        Assert.Equal(("4001", "User 4001"), (source.PartyNumber, source.PartyName));
        Assert.Equal([(TimerKind.RingTimeout, source.Name)], h.Timers);
        Assert.Equal([typeof(CallEffect.OpenLeg), typeof(CallEffect.StartTimer)], h.EffectKinds);
        Assert.True(h.Call.Plan.IsOriginate);
    }

    [Fact]
    public void Once_the_source_answers_the_destination_rings_showing_the_source_and_its_answer_bridges_them()
    {
        var h = new CallHarness(CallHarness.Phone("4001"), CallHarness.Phone("4002"));
        h.Originate("4001", "4002");

        h.Answer(h.LegOf("4001"));

        Assert.Equal(CallPhase.Dialing, h.Call.Phase);
        var destination = h.LegOf("4002");
        Assert.Equal((LegRole.Callee, ChannelState.Ringing), (destination.Role, destination.Channel.State));
        Assert.Equal(("4001", "User 4001"), (destination.Channel.CallerIdNumber, destination.Channel.CallerIdName));
        Assert.Equal("4002", h.LegOf("4001").Channel.ConnectedLineNumber);

        h.Now = h.Now.AddSeconds(5);
        h.Answer(destination);

        Assert.Equal(CallPhase.Connected, h.Call.Phase);
        var (a, b) = (h.LegOf("4001").Channel, h.LegOf("4002").Channel);
        Assert.Equal((b.Name, a.Name), (a.LinkedChannel, b.LinkedChannel));
        Assert.Equal(("4001", "User 4001"), (b.ConnectedLineNumber, b.ConnectedLineName));
        Assert.Equal(h.Now, h.Call.Facts.Answered);
        Assert.Empty(h.Timers);
    }

    [Fact]
    public void A_hangup_of_a_bridged_party_ends_the_call_and_writes_its_cdr_before_it_leaves_the_listing()
    {
        var h = Connected();
        var started = h.Call.Facts.Started;
        h.Now = h.Now.AddSeconds(42);

        h.Hangup(h.LegOf("4002"));

        Assert.Equal(CallPhase.Ended, h.Call.Phase);
        Assert.All(h.Call.Legs, l => Assert.False(l.Live));
        Assert.Equal(
            [typeof(CallEffect.CancelTimers), typeof(CallEffect.CancelTimers), typeof(CallEffect.WriteCdr), typeof(CallEffect.StopTimers), typeof(CallEffect.Publish)],
            h.EffectKinds);
        var cdr = h.Cdr;
        Assert.Equal((CdrDisposition.Answered, 42, started), (cdr.Disposition, cdr.BillSec, cdr.Start));
        Assert.Equal((h.LegOf("4001").Name, h.LegOf("4002").Name), (cdr.Channel, cdr.DestinationChannel));
        Assert.Equal(("4001", "4002", "Dial"), (cdr.Source, cdr.Destination, cdr.LastApplication));
    }

    [Fact]
    public void An_originate_to_a_call_that_exists_is_refused_and_changes_nothing()
    {
        var h = Connected();
        var before = h.Call;

        var reply = h.Originate("4001", "4002");

        Assert.Equal(DomainError.IllegalTransition, reply!.Result.Error);
        Assert.False(reply.Publish);
        Assert.Same(before, h.Call);
        Assert.Empty(h.Effects);
    }

    [Theory]
    [InlineData("4009", "4002", false, DomainError.ExtensionNotFound)]
    [InlineData("4003", "4002", true, DomainError.ExtensionUnregistered)]
    [InlineData("4004", "4002", true, DomainError.ExtensionBusy)]
    [InlineData("4001", "999", false, DomainError.DestinationNotFound)]
    [InlineData("4001", "701", false, DomainError.DestinationNotFound)]
    public void An_originate_is_refused_for_its_source_or_destination_and_never_starts(string source, string destination, bool requireAvailable, DomainError error)
    {
        var h = new CallHarness(CallHarness.Phone("4001"), CallHarness.Phone("4002"));
        h.Add(CallHarness.Phone("4003"), registered: false);
        h.Add(CallHarness.Phone("4004"), state: DeviceState.InUse);
        h.Numbers["701"] = new Destination(DestinationKind.ParkingSlot, "701", "701");

        var reply = h.Originate(source, destination, new OriginateRequest { SourceExtension = source, Destination = destination, RequireSourceAvailable = requireAvailable });

        Assert.Equal(error, reply!.Result.Error);
        Assert.False(h.Call.Started);
        Assert.Empty(h.Effects);
    }

    [Fact]
    public void An_unregistered_source_refuses_at_once_and_the_call_ends_failed()
    {
        var h = new CallHarness(CallHarness.Phone("4002"));
        h.Add(CallHarness.Phone("4001"), registered: false);

        Assert.Equal(CallReply.Done, h.Originate("4001", "4002"));

        Assert.Equal(CallPhase.Ended, h.Call.Phase);
        Assert.Equal(HangupCause.SubscriberAbsent, h.LegOf("4001").Channel.HangupCause);
        Assert.Equal((CdrDisposition.Failed, HangupCause.SubscriberAbsent), (h.Cdr.Disposition, h.Cdr.HangupCause));
    }

    [Fact]
    public void An_originate_records_into_its_folder_the_file_it_names_or_else_the_extensions_own()
    {
        var h = new CallHarness(CallHarness.Phone("4001") with { RecordCalls = true }, CallHarness.Phone("4002"));

        h.Originate("4001", "4002", new OriginateRequest { SourceExtension = "4001", Destination = "4002", RecordingFolder = "crm/" });

        var channel = h.LegOf("4001").Channel;
        Assert.Equal((true, $"crm/{CallHarness.CallId}-4001.wav"), (channel.Recording, channel.RecordingFile));
        Assert.Equal(channel.RecordingFile, h.Call.Facts.RecordingFile);
    }

    [Fact]
    public void A_phone_dialling_is_off_hook_in_ring_and_its_destination_rings_at_once()
    {
        var h = new CallHarness(CallHarness.Phone("4001"), CallHarness.Phone("4002"));

        h.Dial("4001", "4002", talkSeconds: 30);

        Assert.Equal(CallPhase.Dialing, h.Call.Phase);
        var caller = h.LegOf("4001");
        Assert.Equal((ChannelState.Ring, "Dial", CallHarness.CallId), (caller.Channel.State, caller.Channel.Application, caller.Channel.UniqueId));
        Assert.Equal(Distribution.Constant(30), caller.TalkTime);
        Assert.Equal(ChannelState.Ringing, h.LegOf("4002").Channel.State);
        Assert.False(h.Call.Plan.IsOriginate);
    }

    [Fact]
    public void A_dial_whose_destination_extension_is_gone_ends_as_an_unallocated_number()
    {
        var h = new CallHarness(CallHarness.Phone("4001"));
        h.Numbers["4005"] = new Destination(DestinationKind.Extension, "4005", "4005");

        h.Dial("4001", "4005");

        Assert.Equal(CallPhase.Ended, h.Call.Phase);
        Assert.Equal((HangupCause.UnallocatedNumber, CdrDisposition.Failed), (h.Cdr.HangupCause, h.Cdr.Disposition));
    }

    [Fact]
    public void A_dial_from_an_unregistered_phone_is_refused()
    {
        var h = new CallHarness(CallHarness.Phone("4002"));
        h.Add(CallHarness.Phone("4001"), registered: false);

        Assert.Equal(DomainError.ExtensionUnregistered, h.Dial("4001", "4002")!.Result.Error);
        Assert.False(h.Call.Started);
    }

    [Fact]
    public void An_inbound_call_arrives_on_the_trunk_in_ring_and_rings_the_extension()
    {
        var h = new CallHarness(CallHarness.Phone("4002"));

        h.Inbound("4002");

        var caller = h.Caller;
        Assert.Equal((EndpointKind.Trunk, "upc", ChannelState.Ring, "from-trunk"), (caller.Channel.EndpointKind, caller.Channel.Endpoint, caller.Channel.State, caller.Channel.Context));
        Assert.StartsWith("SIP/upc-", caller.Name);
        Assert.Equal("0612345678", h.LegOf("4002").Channel.CallerIdNumber);
    }

    [Theory]
    [InlineData("4002", "up-c", DomainError.InvalidArgument)]
    [InlineData("0800123", "upc", DomainError.DestinationNotFound)]
    [InlineData("999", "upc", DomainError.DestinationNotFound)]
    public void An_inbound_call_is_refused_for_a_bad_trunk_or_a_number_that_is_not_the_pbxs(string destination, string trunk, DomainError error)
    {
        var h = new CallHarness(CallHarness.Phone("4002"));
        h.Numbers["0800123"] = Destination.External("0800123");

        Assert.Equal(error, h.Inbound(destination, trunk: trunk)!.Result.Error);
        Assert.False(h.Call.Started);
    }

    [Fact]
    public void A_call_into_a_context_dials_out_first_and_the_context_takes_it_over_once_answered()
    {
        var h = new CallHarness();
        var request = new ContextCallRequest { Destination = " 5550101 ", Context = "ivr", HangupContext = "gone", CallerIdNumber = "800", Trunk = "sales", RecordingFile = "ivr.wav" };

        h.Run(new CallInput.IntoContext(request, h.Settings));

        var leg = h.Caller;
        Assert.Equal(("SIP", "sales", "5550101", "800"), (leg.Channel.Tech, leg.Channel.Endpoint, leg.Channel.Exten, leg.Channel.CallerIdNumber));
        Assert.Equal((true, "ivr.wav"), (leg.Channel.Recording, leg.Channel.RecordingFile));
        h.Fire(TimerKind.PhoneAnswers, leg.Name);

        Assert.Equal(CallPhase.Connected, h.Call.Phase);
        Assert.Equal(("ivr", "s"), (h.Caller.Channel.Context, h.Caller.Channel.Exten));
    }

    [Fact]
    public void A_call_into_a_context_that_is_never_answered_ends_in_its_hangup_context()
    {
        var h = new CallHarness();
        h.Run(new CallInput.IntoContext(new ContextCallRequest { Destination = "5550103", Context = "ivr", HangupContext = "gone" }, h.Settings));

        h.Fire(TimerKind.RingTimeout, h.Caller.Name);

        Assert.Equal(("gone", CdrDisposition.NoAnswer), (h.Cdr.DestinationContext, h.Cdr.Disposition));
    }

    [Theory]
    [InlineData("", "ivr")]
    [InlineData("55501a", "ivr")]
    [InlineData("5550101", " ")]
    public void A_call_into_a_context_needs_an_outside_number_and_a_context(string number, string context)
    {
        var h = new CallHarness();

        var reply = h.Run(new CallInput.IntoContext(new ContextCallRequest { Destination = number, Context = context }, h.Settings));

        Assert.Equal(DomainError.InvalidArgument, reply!.Result.Error);
        Assert.False(h.Call.Started);
    }

    internal static CallHarness Connected()
    {
        var h = new CallHarness(CallHarness.Phone("4001"), CallHarness.Phone("4002"));
        h.Originate("4001", "4002");
        h.Answer(h.LegOf("4001"));
        h.Answer(h.LegOf("4002"));
        Assert.Equal(CallPhase.Connected, h.Call.Phase);
        return h;
    }
}
