using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Grains.Catalogue.Rules;

namespace PbxGrains.Grains.Catalogue;

/// <summary>
/// The changes a running tenant makes to its number routing, as plain functions returning the next routing or why not
/// (the grain persists and versions it).
/// </summary>
public static class NumberRoutingChanges
{
    public static PbxResult<NumberRouting> UpdateNumberRoute(NumberRouting routing, int id, NumberRouteChange change)
    {
        if (routing.Numbers.FirstOrDefault(n => n.Id == id) is not { } number)
        {
            return PbxResult<NumberRouting>.Fail(DomainError.RoutingItemNotFound, $"number route {id}");
        }

        var changed = number with
        {
            HolidaysFilterId = Pick(change.HolidaysFilterId, number.HolidaysFilterId),
            VacationsFilterId = Pick(change.VacationsFilterId, number.VacationsFilterId),
            OpeningHoursFilterId = Pick(change.OpeningHoursFilterId, number.OpeningHoursFilterId),
            RouteId = Pick(change.RouteId, number.RouteId),
            FallbackRouteId = Pick(change.FallbackRouteId, number.FallbackRouteId),
        };
        var problems = new FieldProblems();
        NumberRoutingRules.CheckReferences(routing, changed, problems, "");
        return problems.Any
            ? PbxResult<NumberRouting>.Fail(DomainError.InvalidArgument, problems.ToString())
            : PbxResult<NumberRouting>.Success(routing with { Numbers = routing.Numbers.Replace(number, changed) });
    }

    public static PbxResult<NumberRouting> SetFeatureFlag(NumberRouting routing, int id, bool active) =>
        routing.Flags.FirstOrDefault(f => f.Id == id) is { } flag
            ? PbxResult<NumberRouting>.Success(routing with { Flags = routing.Flags.Replace(flag, flag with { Active = active }) })
            : PbxResult<NumberRouting>.Fail(DomainError.RoutingItemNotFound, $"feature flag {id}");

    /// <summary>
    /// Logs <see cref="HotDeskChange.Extension"/> in at the desk ("" logs out, null keeps who is there) and sets the
    /// template. One desk per user: logging in here logs the user out of any other desk, as a desk phone login does.
    /// </summary>
    public static PbxResult<NumberRouting> UpdateHotDesk(NumberRouting routing, int id, HotDeskChange change, bool extensionExists, DateTimeOffset now)
    {
        if (routing.HotDesks.FirstOrDefault(d => d.Id == id) is not { } desk)
        {
            return PbxResult<NumberRouting>.Fail(DomainError.RoutingItemNotFound, $"hot desk {id}");
        }

        if (change.Extension is { Length: > 0 } user && !extensionExists)
        {
            return PbxResult<NumberRouting>.Fail(DomainError.ExtensionNotFound, user);
        }

        var problems = new FieldProblems();
        NumberRoutingRules.CheckTemplate(routing, change.TemplateId is > 0 ? change.TemplateId : null, problems, "template");
        if (problems.Any)
        {
            return PbxResult<NumberRouting>.Fail(DomainError.InvalidArgument, problems.ToString());
        }

        var desks = routing.HotDesks;
        if (change.Extension is { Length: > 0 } moving)
        {
            desks = [.. desks.Select(d => d.Id != id && d.Extension == moving ? d with { Extension = null, PreviousExtension = moving, ChangedAt = now } : d)];
        }

        var loggedIn = change.Extension is null ? desk.Extension : change.Extension.Length == 0 ? null : change.Extension;
        var changed = desk with
        {
            Extension = loggedIn,
            TemplateId = Pick(change.TemplateId, desk.TemplateId),
            // Who was there and when it changed: surfaces that limit how often a user may log in and out read them.
            PreviousExtension = loggedIn == desk.Extension ? desk.PreviousExtension : desk.Extension,
            ChangedAt = loggedIn == desk.Extension ? desk.ChangedAt : now,
        };
        return PbxResult<NumberRouting>.Success(routing with { HotDesks = [.. desks.Select(d => d.Id == id ? changed : d)] });
    }

    /// <summary>A change's value: null keeps the current one, 0 (or less) clears it.</summary>
    private static int? Pick(int? change, int? current) => change switch
    {
        null => current,
        <= 0 => null,
        _ => change,
    };
}
