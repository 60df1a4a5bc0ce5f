using System.Collections.Immutable;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Client;
using PbxGrains.Host.Api.Models;

namespace PbxGrains.Host.Api;

/// <summary>Calls: placing them (dial, originate, inbound, spy), listing them and their CDRs.</summary>
public static partial class SimApi
{
    private static void MapCalls(RouteGroupBuilder tenant)
    {
        tenant.MapGet("/calls", ListCalls).WithTags("Calls").WithSummary("Every live call, oldest first.");
        tenant.MapGet("/calls/{callId}", GetCall).WithTags("Calls").WithSummary("One call by its id (the unique id of its first leg).");
        tenant.MapPost("/calls", Dial).WithTags("Calls").WithSummary("A phone dials a number.");
        tenant.MapPost("/originate", Originate).WithTags("Calls").WithSummary("Click-to-call: ring the source extension, then dial the destination.");
        tenant.MapPost("/inbound", Inbound).WithTags("Calls").WithSummary("A call arrives from outside on a trunk.");
        tenant.MapPost("/spy", Spy).WithTags("Calls").WithSummary("Ring an extension that then listens to, whispers into or barges into a channel.");
        tenant.MapGet("/cdrs", ListCdrs).WithTags("Calls").WithSummary(
            "The CDRs of one day (?date=yyyy-MM-dd, default today): by start time, at most 100,000; with ?limit=N (and ?after=cursor) " +
            "one page in the order written, the next page's cursor in the X-Next-Cursor header (none on the last page).");
        tenant.MapGet("/cdrs/count", CountCdrs).WithTags("Calls").WithSummary("How many CDRs one day keeps and how many were written (?date=yyyy-MM-dd).");
        tenant.MapGet("/cdrs/{uniqueId}", GetCdr).WithTags("Calls").WithSummary("One CDR by the call's unique id.");
    }

    private static async Task<Ok<CallResponse[]>> ListCalls(string tenant, PbxClient pbx) =>
        TypedResults.Ok((await pbx.ListCallsAsync(tenant)).Select(c => c.AsResponse()).ToArray());

    private static async Task<Results<Ok<CallResponse>, ProblemHttpResult>> GetCall(string tenant, string callId, PbxClient pbx) =>
        await pbx.Call(tenant, callId).GetAsync() is { } call
            ? TypedResults.Ok(call.AsResponse())
            : SimProblems.From(DomainError.CallNotFound, $"call {callId} does not exist");

    private static async Task<Results<Created<CallResponse>, ProblemHttpResult>> Dial(string tenant, DialBody body, PbxClient pbx)
    {
        if (Missing(body.From, "from", out var problem) || Missing(body.To, "to", out problem))
        {
            return problem;
        }

        var request = new DialRequest { FromExtension = body.From, Destination = body.To, AccountCode = body.AccountCode, RingTimeoutSeconds = body.RingTimeout };
        return Placed(tenant, await pbx.DialAsync(tenant, request));
    }

    private static async Task<Results<Created<CallResponse>, ProblemHttpResult>> Originate(string tenant, OriginateBody body, PbxClient pbx)
    {
        if (Missing(body.Source, "source", out var problem) || Missing(body.Destination, "destination", out problem))
        {
            return problem;
        }

        var request = new OriginateRequest
        {
            SourceExtension = body.Source,
            Destination = body.Destination,
            SourceCallerIdNumber = body.CallerIdNumber,
            SourceCallerIdName = body.CallerIdName,
            DestinationCallerIdNumber = body.DestinationCallerIdNumber,
            DestinationCallerIdName = body.DestinationCallerIdName,
            AccountCode = body.AccountCode,
            Context = body.Context,
            Variables = body.Variables?.ToImmutableDictionary(StringComparer.Ordinal) ?? ImmutableDictionary<string, string>.Empty,
            CustomFields = body.CustomFields?.ToImmutableDictionary(StringComparer.Ordinal) ?? ImmutableDictionary<string, string>.Empty,
            RecordingFile = body.RecordingFile,
            SourceRingTimeoutSeconds = body.SourceRingTimeout,
            DestinationRingTimeoutSeconds = body.DestinationRingTimeout,
            RequireSourceAvailable = body.RequireSourceAvailable,
        };
        return Placed(tenant, await pbx.OriginateAsync(tenant, request));
    }

    private static async Task<Results<Created<CallResponse>, ProblemHttpResult>> Inbound(string tenant, InboundBody body, PbxClient pbx)
    {
        if (Missing(body.CallerId, "callerId", out var problem) || Missing(body.Destination, "destination", out problem))
        {
            return problem;
        }

        if (body.Patience < 0 || body.TalkTime < 0)
        {
            return SimProblems.BadRequest("patience and talkTime must not be negative");
        }

        var trunk = body.Trunk ?? (await pbx.Tenant(tenant).GetSettingsAsync())?.Trunk ?? new TenantSettings().Trunk;
        var request = new InboundCallRequest
        {
            CallerIdNumber = body.CallerId,
            CallerIdName = body.CallerName ?? "",
            Destination = body.Destination,
            Trunk = trunk,
            PatienceSeconds = body.Patience,
            TalkSeconds = body.TalkTime,
            AccountCode = body.AccountCode,
            Variables = body.Variables?.ToImmutableDictionary(StringComparer.Ordinal) ?? ImmutableDictionary<string, string>.Empty,
        };
        return Placed(tenant, await pbx.InboundAsync(tenant, request));
    }

    private static async Task<Results<Created<CallResponse>, ProblemHttpResult>> Spy(string tenant, SpyBody body, PbxClient pbx)
    {
        if (Missing(body.SpyExtension, "spyExtension", out var problem) || Missing(body.TargetChannel, "targetChannel", out problem))
        {
            return problem;
        }

        var request = new SpyRequest { SpyExtension = body.SpyExtension, TargetChannel = body.TargetChannel, Mode = body.Mode };
        return Placed(tenant, await pbx.SpyAsync(tenant, request));
    }

    private static async Task<Results<Ok<CdrResponse[]>, ProblemHttpResult>> ListCdrs(
        string tenant, string? date, int? limit, string? after, PbxClient pbx, HttpResponse response)
    {
        if (!TryDay(date, pbx, out var day, out var problem))
        {
            return problem;
        }

        if (limit is null && after is null)
        {
            return TypedResults.Ok((await pbx.ListCdrsAsync(tenant, day)).Select(c => c.AsResponse()).ToArray());
        }

        if (limit is not (>= 1 and <= PbxClient.MaxCdrPage))
        {
            return SimProblems.BadRequest($"limit must be between 1 and {PbxClient.MaxCdrPage}");
        }

        var cursor = CdrCursor.TryParse(after, Abstractions.Ids.Shards.CdrsPerDay);
        if (after is not null && cursor is null)
        {
            return SimProblems.BadRequest($"after must be a cursor from X-Next-Cursor, not '{after}'");
        }

        var page = await pbx.ReadCdrsAsync(tenant, day, cursor, limit.Value);
        if (page.Next is { } next)
        {
            response.Headers["X-Next-Cursor"] = next.ToString();
        }

        return TypedResults.Ok(page.Records.Select(c => c.AsResponse()).ToArray());
    }

    private static async Task<Results<Ok<CdrCountResponse>, ProblemHttpResult>> CountCdrs(string tenant, string? date, PbxClient pbx)
    {
        if (!TryDay(date, pbx, out var day, out var problem))
        {
            return problem;
        }

        var count = await pbx.CountCdrsAsync(tenant, day);
        return TypedResults.Ok(new CdrCountResponse(count.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), count.Stored, count.Appended));
    }

    private static async Task<Results<Ok<CdrResponse>, ProblemHttpResult>> GetCdr(string tenant, string uniqueId, PbxClient pbx) =>
        await pbx.FindCdrAsync(tenant, uniqueId) is { } cdr
            ? TypedResults.Ok(cdr.AsResponse())
            : SimProblems.From(DomainError.CallNotFound, $"no CDR of call {uniqueId}");

    private static bool TryDay(string? date, PbxClient pbx, out DateOnly day, out ProblemHttpResult problem)
    {
        day = DateOnly.FromDateTime(pbx.Clock.Now.UtcDateTime);
        problem = null!;
        if (date is not null && !DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            problem = SimProblems.BadRequest($"date must be yyyy-MM-dd, not '{date}'");
            return false;
        }

        return true;
    }

    private static Results<Created<CallResponse>, ProblemHttpResult> Placed(string tenant, PbxResult<CallSnapshot> result) =>
        result.IsOk
            ? TypedResults.Created($"/sim/tenants/{tenant}/calls/{result.Value!.CallId}", result.Value.AsResponse())
            : SimProblems.From(result);
}
