using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Grains.StateMachines;

/// <summary>Derives an extension's device state from its registration and its live channels, as Asterisk does.</summary>
public static class DeviceStateRules
{
    public static DeviceState Derive(bool registered, PhoneMode mode, IEnumerable<ChannelSnapshot> channels)
    {
        var ringing = false;
        var inUse = false;
        var held = false;
        var busy = false;
        foreach (var channel in channels)
        {
            if (channel.IsHungUp)
            {
                continue;
            }

            switch (channel.State)
            {
                case ChannelState.Ringing:
                    ringing = true;
                    break;
                case ChannelState.Busy:
                    busy = true;
                    break;
                case ChannelState.Up when channel.OnHold:
                    held = true;
                    break;
                case ChannelState.Up or ChannelState.Ring:
                    inUse = true;
                    break;
            }
        }

        if (ringing)
        {
            return inUse || held ? DeviceState.RingInUse : DeviceState.Ringing;
        }

        if (inUse)
        {
            return DeviceState.InUse;
        }

        if (held)
        {
            return DeviceState.OnHold;
        }

        if (busy)
        {
            return DeviceState.Busy;
        }

        if (!registered)
        {
            return DeviceState.Unavailable;
        }

        // Do-not-disturb and busy phones refuse every call; Asterisk hints show them as busy.
        return mode is PhoneMode.DoNotDisturb or PhoneMode.Busy ? DeviceState.Busy : DeviceState.NotInUse;
    }

    /// <summary>Whether a phone in this device state can be offered a new call without call waiting.</summary>
    public static bool IsFree(DeviceState state) => state == DeviceState.NotInUse;
}
