using PbxGrains.Abstractions.Contracts;
using PbxGrains.Client;
using PbxGrains.Host.Scenarios;

namespace PbxGrains.Tests.Surfaces.Scenarios;

/// <summary>The scenario's <c>numberRouting:</c> section: mapped into the definition, every field checked with its path.</summary>
public sealed class NumberRoutingScenarioTests
{
    private const string Extensions = "tenant: x\nextensions:\n  - {number: \"8101\"}\n  - {number: \"8102\"}\n";

    private static ScenarioResult Parse(string routing) =>
        new ScenarioLoader(PbxClock.System).Parse(Extensions + "numberRouting:\n" + routing, ScenarioFormat.Yaml);

    private static void AssertError(string routing, string path)
    {
        var result = Parse(routing);
        Assert.False(result.IsValid, $"expected an error at {path}");
        Assert.Contains(result.Errors, e => e.Path == path);
    }

    [Fact]
    public void Every_item_is_mapped_into_the_tenant_definition()
    {
        var result = Parse("""
              timeFilters:
                - {id: 10, name: Holidays, kind: dates, dates: ["2026-12-25"], timeZone: Europe/Brussels}
                - {id: 20, kind: periods, periods: [{from: "2026-07-20", to: "2026-08-07"}]}
                - {id: 30, kind: weeklyHours, windows: [{day: mon-fri, from: "08:30", to: "17:30"}, {day: saturday, from: "09:00", to: "12:00"}]}
              routes:
                - {id: 140, name: Reception, destination: "8101", flag: 100, flagDestination: "8102"}
                - {id: 150, destination: "8102", fallback: true}
              numbers:
                - {id: 540, number: "+3225550540", name: Main, route: 140, fallbackRoute: 150, holidays: 10, vacations: 20, officeHours: 30}
              flags: [{id: 100, name: Night, on: true}]
              hotDeskTemplates: [{id: 50, name: Standard}]
              hotDesks: [{id: 100, name: Desk, device: SEP001122334455, number: "8100", extension: "8101", template: 50}]
            """);

        Assert.True(result.IsValid, result.ErrorText);
        var routing = result.Definition!.NumberRouting;
        var holidays = routing.TimeFilters.Single(f => f.Id == 10);
        Assert.Equal((TimeFilterKind.Dates, "Holidays", "Europe/Brussels", new DateOnly(2026, 12, 25)), (holidays.Kind, holidays.Name, holidays.TimeZone, holidays.Dates.Single()));
        Assert.Equal([new DatePeriod(new(2026, 7, 20), new(2026, 8, 7))], routing.TimeFilters.Single(f => f.Id == 20).Periods);
        var hours = routing.TimeFilters.Single(f => f.Id == 30);
        Assert.Equal(("UTC", 6), (hours.TimeZone, hours.Windows.Length));
        Assert.Contains(new WeeklyWindow(DayOfWeek.Friday, new(8, 30), new(17, 30)), hours.Windows);
        Assert.Contains(new WeeklyWindow(DayOfWeek.Saturday, new(9, 0), new(12, 0)), hours.Windows);
        Assert.Equal(new CallRoute { Id = 140, Name = "Reception", Destination = "8101", FlagId = 100, FlagDestination = "8102" }, routing.Routes[0]);
        Assert.True(routing.Routes[1].Fallback);
        Assert.Equal(
            new NumberRoute { Id = 540, Number = "+3225550540", Name = "Main", RouteId = 140, FallbackRouteId = 150, HolidaysFilterId = 10, VacationsFilterId = 20, OpeningHoursFilterId = 30 },
            routing.Numbers.Single());
        Assert.Equal(new FeatureFlag { Id = 100, Name = "Night", Active = true }, routing.Flags.Single());
        Assert.Equal(new HotDesk { Id = 100, Name = "Desk", Device = "SEP001122334455", Number = "8100", Extension = "8101", TemplateId = 50 }, routing.HotDesks.Single());
        Assert.Equal(50, routing.HotDeskTemplates.Single().Id);
    }

    [Fact]
    public void A_scenario_without_the_section_has_no_routing() =>
        Assert.Equal(NumberRouting.Empty, new ScenarioLoader(PbxClock.System).Parse(Extensions, ScenarioFormat.Yaml).Definition!.NumberRouting);

    [Fact]
    public void The_demo_routes_its_dids_in_the_call_model()
    {
        var demo = File.ReadAllText(Path.Combine(RepositoryRoot(), "scenarios", "demo.yaml"));
        var result = new ScenarioLoader(PbxClock.System).Parse(demo, ScenarioFormat.Yaml);

        Assert.True(result.IsValid, result.ErrorText);
        var routing = result.Definition!.NumberRouting;
        Assert.Equal([100, 540], routing.Numbers.Select(n => n.Id).Order());
        Assert.Equal([10, 20, 30], routing.TimeFilters.Select(f => f.Id).Order());
        Assert.All(routing.TimeFilters, f => Assert.Equal("Europe/Brussels", f.TimeZone));
        Assert.Equal("650", routing.Routes.Single(r => r.Id == 140).Destination);
        var voipCenter = result.Definition.Settings.Surfaces["voipcenter"];
        Assert.DoesNotContain(voipCenter.Keys, k => k.StartsWith("did.", StringComparison.Ordinal) || k.StartsWith("route.", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("timeFilters: [{kind: dates}]", "numberRouting.timeFilters[0].id")]
    [InlineData("timeFilters: [{id: 0, kind: dates}]", "numberRouting.timeFilters[0].id")]
    [InlineData("timeFilters: [{id: 1, kind: dates}, {id: 1, kind: dates}]", "numberRouting.timeFilters[1].id")]
    [InlineData("timeFilters: [{id: 1}]", "numberRouting.timeFilters[0].kind")]
    [InlineData("timeFilters: [{id: 1, kind: monthly}]", "numberRouting.timeFilters[0].kind")]
    [InlineData("timeFilters: [{id: 1, kind: dates, dates: [\"2026-13-01\"]}]", "numberRouting.timeFilters[0].dates[0]")]
    [InlineData("timeFilters: [{id: 1, kind: periods, dates: [\"2026-01-01\"]}]", "numberRouting.timeFilters[0].dates")]
    [InlineData("timeFilters: [{id: 1, kind: periods, periods: [{from: \"2026-02-01\"}]}]", "numberRouting.timeFilters[0].periods[0].to")]
    [InlineData("timeFilters: [{id: 1, kind: periods, periods: [{from: \"2026-02-01\", to: \"2026-01-01\"}]}]", "numberRouting.timeFilters[0].periods[0].to")]
    [InlineData("timeFilters: [{id: 1, kind: weeklyHours, windows: [{day: funday, from: \"08:00\", to: \"09:00\"}]}]", "numberRouting.timeFilters[0].windows[0].day")]
    [InlineData("timeFilters: [{id: 1, kind: weeklyHours, windows: [{day: mon, from: \"8h\", to: \"09:00\"}]}]", "numberRouting.timeFilters[0].windows[0].from")]
    [InlineData("timeFilters: [{id: 1, kind: weeklyHours, windows: [{day: mon, from: \"10:00\", to: \"09:00\"}]}]", "numberRouting.timeFilters[0].windows[0].to")]
    [InlineData("timeFilters: [{id: 1, kind: dates, timeZone: Mars/Olympus}]", "numberRouting.timeFilters[0].timeZone")]
    [InlineData("routes: [{id: 1}]", "numberRouting.routes[0].destination")]
    [InlineData("routes: [{id: 1, destination: \"8 101\"}]", "numberRouting.routes[0].destination")]
    [InlineData("routes: [{id: 1, destination: \"8101\", flag: 9, flagDestination: \"8102\"}]", "numberRouting.routes[0].flag")]
    [InlineData("flags: [{id: 9}]\nroutes: [{id: 1, destination: \"8101\", flag: 9}]", "numberRouting.routes[0].flagDestination")]
    [InlineData("numbers: [{id: 1}]", "numberRouting.numbers[0].number")]
    [InlineData("numbers: [{id: 1, number: \"+32-2\"}]", "numberRouting.numbers[0].number")]
    [InlineData("numbers: [{id: 1, number: \"8101\"}]", "numberRouting.numbers[0].number")]
    [InlineData("numbers: [{id: 1, number: \"+3225550540\"}, {id: 2, number: \"3225550540\"}]", "numberRouting.numbers[1].number")]
    [InlineData("numbers: [{id: 1, number: \"3225550540\", route: 7}]", "numberRouting.numbers[0].route")]
    [InlineData("routes: [{id: 7, destination: \"8101\"}]\nnumbers: [{id: 1, number: \"3225550540\", fallbackRoute: 7}]", "numberRouting.numbers[0].fallbackRoute")]
    [InlineData("timeFilters: [{id: 3, kind: dates}]\nnumbers: [{id: 1, number: \"3225550540\", officeHours: 3}]", "numberRouting.numbers[0].officeHours")]
    [InlineData("numbers: [{id: 1, number: \"3225550540\", holidays: 3}]", "numberRouting.numbers[0].holidays")]
    [InlineData("numbers: [{id: 1, number: \"3225550540\", vacations: 3}]", "numberRouting.numbers[0].vacations")]
    [InlineData("flags: [{id: 1}, {id: 1}]", "numberRouting.flags[1].id")]
    [InlineData("hotDesks: [{id: 1, extension: \"9999\"}]", "numberRouting.hotDesks[0].extension")]
    [InlineData("hotDesks: [{id: 1, template: 5}]", "numberRouting.hotDesks[0].template")]
    [InlineData("hotDesks: [{id: 1, number: \"81a\"}]", "numberRouting.hotDesks[0].number")]
    [InlineData("hotDesks: [{id: 1, device: \"SEP 1\"}]", "numberRouting.hotDesks[0].device")]
    [InlineData("hotDeskTemplates: [{name: x}]", "numberRouting.hotDeskTemplates[0].id")]
    [InlineData("numbers: [{id: 1, number: \"3225550540\", colour: red}]", "numberRouting.numbers[0].colour")]
    public void A_wrong_field_is_reported_with_its_path(string routing, string path) =>
        AssertError(string.Join('\n', routing.Split('\n').Select(l => "  " + l)) + "\n", path);

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "PbxGrains.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (PbxGrains.sln) was not found above the test's output.");
    }
}
