using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Grains.StateMachines;

namespace PbxGrains.Tests.Unit;

public sealed class DeviceStateRulesTests
{
    [Fact]
    public void A_registered_phone_without_channels_is_not_in_use()
    {
        Assert.Equal(DeviceState.NotInUse, Derive(registered: true, PhoneMode.Manual));
    }

    [Theory]
    [InlineData(PhoneMode.Manual)]
    [InlineData(PhoneMode.AutoAnswer)]
    [InlineData(PhoneMode.DoNotDisturb)]
    [InlineData(PhoneMode.Busy)]
    public void An_unregistered_phone_without_channels_is_unavailable(PhoneMode mode)
    {
        Assert.Equal(DeviceState.Unavailable, Derive(registered: false, mode));
    }

    [Theory]
    [InlineData(PhoneMode.DoNotDisturb)]
    [InlineData(PhoneMode.Busy)]
    public void A_registered_phone_that_refuses_calls_shows_busy(PhoneMode mode)
    {
        Assert.Equal(DeviceState.Busy, Derive(registered: true, mode));
    }

    [Theory]
    [InlineData(PhoneMode.AutoAnswer)]
    [InlineData(PhoneMode.NoAnswer)]
    [InlineData(PhoneMode.Reject)]
    public void A_registered_phone_that_takes_calls_is_not_in_use(PhoneMode mode)
    {
        Assert.Equal(DeviceState.NotInUse, Derive(registered: true, mode));
    }

    [Fact]
    public void A_phone_with_a_ringing_channel_is_ringing()
    {
        Assert.Equal(DeviceState.Ringing, Derive(registered: true, PhoneMode.Manual, Channels.Ringing()));
    }

    [Fact]
    public void A_phone_that_rings_while_on_a_call_is_ring_in_use()
    {
        Assert.Equal(DeviceState.RingInUse, Derive(true, PhoneMode.Manual, Channels.Up(sequence: 1), Channels.Ringing(sequence: 2)));
    }

    [Fact]
    public void A_phone_that_rings_while_holding_a_call_is_ring_in_use()
    {
        Assert.Equal(DeviceState.RingInUse, Derive(true, PhoneMode.Manual, Channels.Held(sequence: 1), Channels.Ringing(sequence: 2)));
    }

    [Fact]
    public void A_phone_that_rings_while_it_dials_out_is_ring_in_use()
    {
        Assert.Equal(DeviceState.RingInUse, Derive(true, PhoneMode.Manual, Channels.Ring(sequence: 1), Channels.Ringing(sequence: 2)));
    }

    [Fact]
    public void A_phone_with_an_up_channel_is_in_use()
    {
        Assert.Equal(DeviceState.InUse, Derive(true, PhoneMode.Manual, Channels.Up()));
    }

    [Fact]
    public void A_phone_that_dials_out_is_in_use()
    {
        Assert.Equal(DeviceState.InUse, Derive(true, PhoneMode.Manual, Channels.Ring()));
    }

    [Fact]
    public void A_phone_whose_only_call_is_on_hold_is_on_hold()
    {
        Assert.Equal(DeviceState.OnHold, Derive(true, PhoneMode.Manual, Channels.Held()));
    }

    [Fact]
    public void A_phone_with_one_held_and_one_active_call_is_in_use()
    {
        Assert.Equal(DeviceState.InUse, Derive(true, PhoneMode.Manual, Channels.Held(sequence: 1), Channels.Up(sequence: 2)));
    }

    [Fact]
    public void A_phone_with_a_busy_channel_is_busy()
    {
        Assert.Equal(DeviceState.Busy, Derive(true, PhoneMode.Manual, Channels.Busy()));
    }

    [Fact]
    public void A_call_in_progress_outranks_a_busy_channel()
    {
        Assert.Equal(DeviceState.InUse, Derive(true, PhoneMode.Manual, Channels.Busy(sequence: 1), Channels.Up(sequence: 2)));
    }

    [Fact]
    public void Hung_up_channels_are_ignored()
    {
        var hungUpWhileRinging = Channels.Ringing() with { HangupCause = HangupCause.NoAnswer };
        var hungUpWhileUp = Channels.Up(sequence: 2) with { HangupCause = HangupCause.NormalClearing };

        Assert.Equal(DeviceState.NotInUse, Derive(true, PhoneMode.Manual, hungUpWhileRinging, hungUpWhileUp));
    }

    [Fact]
    public void A_phone_with_channels_is_judged_by_its_channels_even_when_unregistered()
    {
        Assert.Equal(DeviceState.InUse, Derive(false, PhoneMode.Manual, Channels.Up()));
    }

    [Fact]
    public void A_do_not_disturb_phone_on_a_call_is_in_use()
    {
        Assert.Equal(DeviceState.InUse, Derive(true, PhoneMode.DoNotDisturb, Channels.Up()));
    }

    [Fact]
    public void A_down_channel_that_has_not_hung_up_does_not_occupy_the_phone()
    {
        Assert.Equal(DeviceState.NotInUse, Derive(true, PhoneMode.Manual, Channels.Down()));
    }

    [Theory]
    [InlineData(DeviceState.NotInUse, true)]
    [InlineData(DeviceState.InUse, false)]
    [InlineData(DeviceState.Busy, false)]
    [InlineData(DeviceState.Ringing, false)]
    [InlineData(DeviceState.RingInUse, false)]
    [InlineData(DeviceState.OnHold, false)]
    [InlineData(DeviceState.Unavailable, false)]
    [InlineData(DeviceState.Unknown, false)]
    [InlineData(DeviceState.Invalid, false)]
    public void Only_a_phone_that_is_not_in_use_is_free_for_a_new_call(DeviceState state, bool free)
    {
        Assert.Equal(free, DeviceStateRules.IsFree(state));
    }

    private static DeviceState Derive(bool registered, PhoneMode mode, params ChannelSnapshot[] channels) =>
        DeviceStateRules.Derive(registered, mode, channels);
}
