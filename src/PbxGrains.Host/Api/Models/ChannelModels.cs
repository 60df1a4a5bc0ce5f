using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Host.Api.Models;

public sealed record class ChannelResponse(
    string Name,
    string UniqueId,
    string CallId,
    ChannelState State,
    bool OnHold,
    int? ParkedSlot,
    string? SpyTarget,
    SpyMode? SpyMode,
    string CallerIdNumber,
    string CallerIdName,
    string ConnectedLineNumber,
    string ConnectedLineName,
    string AccountCode,
    string Context,
    string Exten,
    string Application,
    string? Queue,
    string? LinkedChannel,
    EndpointKind EndpointKind,
    string Endpoint,
    bool Recording,
    string? RecordingFile,
    IReadOnlyDictionary<string, string> Variables,
    DateTimeOffset Created,
    DateTimeOffset? Answered,
    HangupCause? HangupCause,
    long Version);

public sealed record class CallResponse(
    string CallId,
    CallPhase Phase,
    string Source,
    string Destination,
    string? Queue,
    string AccountCode,
    bool IsOriginate,
    DateTimeOffset Started,
    DateTimeOffset? Answered,
    IReadOnlyDictionary<string, string> CustomFields,
    IReadOnlyList<ChannelResponse> Legs,
    long Version);

/// <summary>What a channel action acted on.</summary>
public sealed record class ChannelActionResponse(string Action, string Channel);

public sealed record class ParkResponse(string Channel, string Lot, int Slot);

public static class ChannelMapping
{
    public static ChannelResponse AsResponse(this ChannelSnapshot channel) => new(
        channel.Name,
        channel.UniqueId,
        channel.CallId,
        channel.State,
        channel.OnHold,
        channel.ParkedSlot,
        channel.SpyTarget,
        channel.SpyTarget is null ? null : channel.SpyMode,
        channel.CallerIdNumber,
        channel.CallerIdName,
        channel.ConnectedLineNumber,
        channel.ConnectedLineName,
        channel.AccountCode,
        channel.Context,
        channel.Exten,
        channel.Application,
        channel.Queue,
        channel.LinkedChannel,
        channel.EndpointKind,
        channel.Endpoint,
        channel.Recording,
        channel.RecordingFile,
        channel.Variables,
        channel.Created,
        channel.Answered,
        channel.HangupCause,
        channel.Version);

    public static CallResponse AsResponse(this CallSnapshot call) => new(
        call.CallId,
        call.Phase,
        call.Source,
        call.Destination,
        call.Queue,
        call.AccountCode,
        call.IsOriginate,
        call.Started,
        call.Answered,
        call.CustomFields,
        [.. call.Legs.Select(l => l.AsResponse())],
        call.Version);
}
