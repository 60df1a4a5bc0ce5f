using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Grains.Catalogue;

namespace PbxGrains.Tests.Unit;

/// <summary>The changes a running tenant makes to its number routing, as plain functions of the routing.</summary>
public sealed class NumberRoutingChangesTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 4, 9, 0, 0, TimeSpan.Zero);

    private static readonly NumberRouting Routing = new()
    {
        TimeFilters = [new TimeFilter { Id = 10, Kind = TimeFilterKind.Dates }, new TimeFilter { Id = 30, Kind = TimeFilterKind.WeeklyHours }],
        Routes = [new CallRoute { Id = 1, Destination = "4001" }, new CallRoute { Id = 2, Destination = "4002", Fallback = true }],
        Numbers = [new NumberRoute { Id = 5, Number = "3225550005", RouteId = 1, HolidaysFilterId = 10 }],
        Flags = [new FeatureFlag { Id = 7 }],
        HotDeskTemplates = [new HotDeskTemplate { Id = 50 }],
        HotDesks = [new HotDesk { Id = 100, Device = "SEPA" }, new HotDesk { Id = 200, Device = "SEPB", Extension = "4001", TemplateId = 50 }],
    };

    [Fact]
    public void A_number_route_change_keeps_what_it_leaves_out_and_clears_what_it_sets_to_zero()
    {
        var changed = NumberRoutingChanges.UpdateNumberRoute(Routing, 5, new NumberRouteChange { HolidaysFilterId = 0, FallbackRouteId = 2, OpeningHoursFilterId = 30 });

        Assert.Equal(
            Routing.Numbers[0] with { HolidaysFilterId = null, FallbackRouteId = 2, OpeningHoursFilterId = 30 },
            Assert.Single(changed.Value!.Numbers));
    }

    [Fact]
    public void A_number_route_change_that_names_nothing_of_the_right_kind_is_refused()
    {
        Assert.Equal(DomainError.RoutingItemNotFound, NumberRoutingChanges.UpdateNumberRoute(Routing, 6, new NumberRouteChange()).Error);
        var refused = NumberRoutingChanges.UpdateNumberRoute(Routing, 5, new NumberRouteChange { FallbackRouteId = 1, HolidaysFilterId = 30 });
        Assert.Equal(DomainError.InvalidArgument, refused.Error);
        Assert.Equal(
            "fallbackRoute: fallback route 1 is not defined in numberRouting.routes with fallback: true; holidays: time filter 30 of kind dates is not defined in numberRouting.timeFilters",
            refused.Detail);
    }

    [Fact]
    public void A_flag_is_switched_and_an_unknown_one_is_not_found()
    {
        Assert.True(NumberRoutingChanges.SetFeatureFlag(Routing, 7, true).Value!.Flags.Single().Active);
        Assert.Equal(DomainError.RoutingItemNotFound, NumberRoutingChanges.SetFeatureFlag(Routing, 8, true).Error);
    }

    [Fact]
    public void Logging_in_at_a_desk_logs_the_user_out_of_any_other_and_remembers_who_was_there()
    {
        var moved = NumberRoutingChanges.UpdateHotDesk(Routing, 100, new HotDeskChange { Extension = "4001" }, extensionExists: true, Now).Value!;

        Assert.Equal(new HotDesk { Id = 100, Device = "SEPA", Extension = "4001", ChangedAt = Now }, moved.HotDesks[0]);
        Assert.Equal(new HotDesk { Id = 200, Device = "SEPB", PreviousExtension = "4001", TemplateId = 50, ChangedAt = Now }, moved.HotDesks[1]);

        var loggedOut = NumberRoutingChanges.UpdateHotDesk(moved, 100, new HotDeskChange { Extension = "", TemplateId = 50 }, extensionExists: true, Now.AddHours(1)).Value!;
        Assert.Equal(new HotDesk { Id = 100, Device = "SEPA", PreviousExtension = "4001", TemplateId = 50, ChangedAt = Now.AddHours(1) }, loggedOut.HotDesks[0]);
    }

    [Fact]
    public void A_desk_change_is_checked_desk_first_then_user_then_template()
    {
        var unknownUser = new HotDeskChange { Extension = "4999", TemplateId = 99 };

        Assert.Equal(DomainError.RoutingItemNotFound, NumberRoutingChanges.UpdateHotDesk(Routing, 300, unknownUser, extensionExists: false, Now).Error);
        Assert.Equal(DomainError.ExtensionNotFound, NumberRoutingChanges.UpdateHotDesk(Routing, 100, unknownUser, extensionExists: false, Now).Error);
        Assert.Equal(DomainError.InvalidArgument, NumberRoutingChanges.UpdateHotDesk(Routing, 100, unknownUser, extensionExists: true, Now).Error);
    }
}
