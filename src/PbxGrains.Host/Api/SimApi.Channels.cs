using Microsoft.AspNetCore.Http.HttpResults;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Client;
using PbxGrains.Host.Api.Models;

namespace PbxGrains.Host.Api;

/// <summary>
/// Channels by name. Names contain '/' (<c>SIP/4002-00000001</c>), so they travel in the <c>name</c> query parameter.
/// Also parking lots and ring groups.
/// </summary>
public static partial class SimApi
{
    private static void MapChannels(RouteGroupBuilder tenant)
    {
        tenant.MapGet("/channels", ListChannels).WithTags("Channels").WithSummary("Every live channel, in call order.");
        var channel = tenant.MapGroup("/channel").WithTags("Channels");
        channel.MapGet("/", GetChannel).WithSummary("One live channel (?name=SIP/4002-00000001).");
        channel.MapPost("/answer", AnswerChannel).WithSummary("Answer a ringing channel.");
        channel.MapPost("/reject", RejectChannel).WithSummary("Decline a ringing channel.");
        channel.MapPost("/hangup", HangupChannel).WithSummary("Hang up a channel (?cause=NormalClearing or a Q.850 number).");
        channel.MapPost("/hold", HoldChannel).WithSummary("Put a channel on hold.");
        channel.MapPost("/unhold", UnholdChannel).WithSummary("Take a channel off hold.");
        channel.MapPost("/park", ParkChannel).WithSummary("Park a channel (?lot=default); answers the slot.");
        channel.MapPost("/redirect", RedirectChannel).WithSummary("Blind-transfer a channel to a number (?to=…).");

        tenant.MapGet("/parking", ListParkingLots).WithTags("Parking").WithSummary("Every parking lot and its parked calls.");
        tenant.MapPost("/parking/{lot}/{slot:int}/join", JoinParked).WithTags("Parking")
            .WithSummary("Ring an extension (?extension=…) and connect it to the call parked in the slot.");
        tenant.MapGet("/ringgroups", ListRingGroups).WithTags("Ring groups").WithSummary("Every ring group.");
    }

    private static async Task<Ok<ChannelResponse[]>> ListChannels(string tenant, PbxClient pbx) =>
        TypedResults.Ok((await pbx.ListChannelsAsync(tenant)).Select(c => c.AsResponse()).ToArray());

    private static async Task<Results<Ok<ChannelResponse>, ProblemHttpResult>> GetChannel(string tenant, string name, PbxClient pbx)
    {
        if (Missing(name, "name", out var problem))
        {
            return problem;
        }

        return await pbx.FindChannelAsync(tenant, name) is { IsHungUp: false } channel
            ? TypedResults.Ok(channel.AsResponse())
            : SimProblems.From(DomainError.ChannelNotFound, name);
    }

    private static Task<Results<Ok<ChannelActionResponse>, ProblemHttpResult>> AnswerChannel(string tenant, string name, PbxClient pbx) =>
        OnChannel("answer", name, n => pbx.AnswerAsync(tenant, n));

    private static Task<Results<Ok<ChannelActionResponse>, ProblemHttpResult>> RejectChannel(string tenant, string name, PbxClient pbx) =>
        OnChannel("reject", name, n => pbx.RejectAsync(tenant, n));

    private static async Task<Results<Ok<ChannelActionResponse>, ProblemHttpResult>> HangupChannel(string tenant, string name, string? cause, PbxClient pbx)
    {
        var hangupCause = HangupCause.NormalClearing;
        if (cause is not null && !(Enum.TryParse(cause, ignoreCase: true, out hangupCause) && Enum.IsDefined(hangupCause)))
        {
            return SimProblems.BadRequest($"cause must be one of {string.Join(", ", Enum.GetNames<HangupCause>())} or its Q.850 number, not '{cause}'");
        }

        return await OnChannel("hangup", name, n => pbx.HangupAsync(tenant, n, hangupCause));
    }

    private static Task<Results<Ok<ChannelActionResponse>, ProblemHttpResult>> HoldChannel(string tenant, string name, PbxClient pbx) =>
        OnChannel("hold", name, n => pbx.HoldAsync(tenant, n));

    private static Task<Results<Ok<ChannelActionResponse>, ProblemHttpResult>> UnholdChannel(string tenant, string name, PbxClient pbx) =>
        OnChannel("unhold", name, n => pbx.UnholdAsync(tenant, n));

    private static async Task<Results<Ok<ChannelActionResponse>, ProblemHttpResult>> RedirectChannel(string tenant, string name, string to, PbxClient pbx)
    {
        if (Missing(to, "to", out var problem))
        {
            return problem;
        }

        return await OnChannel("redirect", name, n => pbx.RedirectAsync(tenant, n, to));
    }

    private static async Task<Results<Ok<ParkResponse>, ProblemHttpResult>> ParkChannel(string tenant, string name, string? lot, PbxClient pbx)
    {
        if (Missing(name, "name", out var problem))
        {
            return problem;
        }

        var parkingLot = string.IsNullOrWhiteSpace(lot) ? "default" : lot;
        var parked = await pbx.ParkAsync(tenant, name, parkingLot);
        return parked.IsOk ? TypedResults.Ok(new ParkResponse(name, parkingLot, parked.Value)) : SimProblems.From(parked);
    }

    private static async Task<Results<Created<CallResponse>, ProblemHttpResult>> JoinParked(
        string tenant, string lot, int slot, string extension, PbxClient pbx)
    {
        if (Missing(extension, "extension", out var problem))
        {
            return problem;
        }

        return Placed(tenant, await pbx.JoinParkedAsync(tenant, lot, slot, extension));
    }

    private static async Task<Ok<ParkingLotResponse[]>> ListParkingLots(string tenant, PbxClient pbx)
    {
        var lots = await pbx.ListParkingLotsAsync(tenant);
        return TypedResults.Ok(lots.Select(l => l.AsResponse()).ToArray());
    }

    private static async Task<Ok<RingGroupResponse[]>> ListRingGroups(string tenant, PbxClient pbx)
    {
        var groups = await pbx.ListRingGroupsAsync(tenant);
        return TypedResults.Ok(groups.Select(g => g.AsResponse()).ToArray());
    }

    private static async Task<Results<Ok<ChannelActionResponse>, ProblemHttpResult>> OnChannel(string action, string name, Func<string, Task<PbxResult>> act)
    {
        if (Missing(name, "name", out var problem))
        {
            return problem;
        }

        var result = await act(name);
        return result.IsOk ? TypedResults.Ok(new ChannelActionResponse(action, name)) : SimProblems.From(result);
    }
}
