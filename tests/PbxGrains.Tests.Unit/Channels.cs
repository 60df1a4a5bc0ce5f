using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Tests.Unit;

/// <summary>Channel pictures in each state, built the way the call grain builds them.</summary>
internal static class Channels
{
    public static readonly DateTimeOffset T0 = new(2025, 3, 14, 9, 0, 0, TimeSpan.Zero);

    public static ChannelSnapshot Template(string extension = "4003", long sequence = 0xb704) => new()
    {
        Name = $"SIP/{extension}-{sequence:x8}",
        UniqueId = $"1741942800.{sequence}",
        CallId = "1741942800.1",
        CallerIdNumber = extension,
        CallerIdName = $"Phone {extension}",
        Endpoint = extension,
        EndpointKind = EndpointKind.Extension,
        Created = T0,
    };

    public static ChannelSnapshot Ringing(string extension = "4003", long sequence = 0xb704) =>
        Template(extension, sequence) with { State = ChannelState.Ringing, Version = 1 };

    public static ChannelSnapshot Ring(string extension = "4003", long sequence = 0xb704) =>
        Template(extension, sequence) with { State = ChannelState.Ring, Version = 1 };

    public static ChannelSnapshot Up(string extension = "4003", long sequence = 0xb704) =>
        Template(extension, sequence) with { State = ChannelState.Up, Answered = T0, Version = 2 };

    public static ChannelSnapshot Busy(string extension = "4003", long sequence = 0xb704) =>
        Template(extension, sequence) with { State = ChannelState.Busy, Version = 2 };

    public static ChannelSnapshot Down(string extension = "4003", long sequence = 0xb704) =>
        Template(extension, sequence) with { State = ChannelState.Down, Version = 1 };

    public static ChannelSnapshot HungUp(string extension = "4003", long sequence = 0xb704) =>
        Template(extension, sequence) with { State = ChannelState.Down, HangupCause = HangupCause.NormalClearing, Version = 3 };

    public static ChannelSnapshot Held(string extension = "4003", long sequence = 0xb704) =>
        Up(extension, sequence) with { OnHold = true, Version = 3 };

    public static ChannelSnapshot Parked(string extension = "4003", long sequence = 0xb704) =>
        Up(extension, sequence) with { ParkedSlot = 701, Application = "Parked", Version = 3 };

    public static ChannelSnapshot Trunk(string trunk = "upc", long sequence = 0xb714) =>
        Template(trunk, sequence) with { EndpointKind = EndpointKind.Trunk, State = ChannelState.Up, Version = 2 };
}
