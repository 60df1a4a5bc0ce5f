using PbxGrains.Client;
using PbxGrains.Host.Scenarios;
using PbxGrains.Surfaces.Ami;
using PbxGrains.Surfaces.Escaux;
using PbxGrains.Surfaces.Issabel;
using PbxGrains.Surfaces.Settings;
using PbxGrains.Surfaces.Taridium;
using PbxGrains.Surfaces.VoipCenter;
using PbxGrains.Surfaces.VoipSun;

namespace PbxGrains.Tests.Surfaces.Settings;

/// <summary>
/// A scenario's <c>surfaces:</c> section is checked against the settings each surface declares when it loads: a
/// surface, key or value the surface could not read is a problem with its path, instead of a surface quietly off.
/// </summary>
public sealed class SurfaceSettingsSchemaTests
{
    private static readonly SurfaceSettingsSchemas Schemas =
        new([TaridiumApi.Surface, VoipSunApi.Surface, EscauxApi.Surface, IssabelApi.Surface, VoipCenterApi.Surface, AmiApi.Surface]);

    private static readonly ScenarioLoader Loader = new(PbxClock.System, Schemas);

    [Theory]
    [InlineData("taridium: {IPPSEnabled: ture}", "surfaces.taridium.IPPSEnabled: must be true or false")]
    [InlineData("taridium: {IPPSRequireSSL: sometimes}", "surfaces.taridium.IPPSRequireSSL: must be true or false")]
    [InlineData("taridium: {DomesticNumberMaxLen: 65}", "surfaces.taridium.DomesticNumberMaxLen: must be a whole number from 0 to 64")]
    [InlineData("taridium: {TimeZone: Mars/Olympus_Mons}", "surfaces.taridium.TimeZone: must be a time zone id such as Europe/Brussels")]
    [InlineData("taridium: {IPPSEnable: true}", "surfaces.taridium.IPPSEnable: is not a taridium setting; its settings are IPPSEnabled, IPPSUser, IPPSPassword, IPPSRequireSSL, DomesticNumberMaxLen, DefaultCountryID, TimeZone")]
    [InlineData("taridum: {IPPSEnabled: true}", "surfaces.taridum: names no surface; the surfaces are taridium, voipsun, escaux, issabel, voipcenter, ami")]
    [InlineData("issabel: {accessTokenLifetime: \"0\"}", "surfaces.issabel.accessTokenLifetime: must be a whole number from 1 to 2147483647")]
    [InlineData("issabel: {firstExtension: \"1OOO\"}", "surfaces.issabel.firstExtension: must be a whole number of at least 0")]
    [InlineData("voipsun: {permissions.viewer: \"listcalls,hangupp\"}", "surfaces.voipsun.permissions.viewer: must be a comma-separated list of all, originate, hangup, listcalls, calllist, sipstatus, spying, callcentre, callcenter, recordings")]
    [InlineData("voipsun: {outroute.first: odchozi}", "surfaces.voipsun.outroute.first: the name after 'outroute.' must be a whole number")]
    [InlineData("voipsun: {trunkPort: \"50600\"}", "")]
    [InlineData("voipsun: {trunkPort: \"506000\"}", "surfaces.voipsun.trunkPort: must be a whole number from 0 to 65535")]
    [InlineData("ami: {user.admin: s3cret, read.admin: \"call,agent\", write.admin: all}", "")]
    [InlineData("ami: {read.admin: \"call,agnet\"}", "surfaces.ami.read.admin: must be a comma-separated list of system, call, log, verbose, command, agent, user, config, dtmf, reporting, cdr, dialplan, originate, agi, cc, aoc, test, security, message, all, none")]
    [InlineData("ami: {secret.admin: x}", "surfaces.ami.secret.admin: is not a ami setting; its settings are user.{name}, read.{name}, write.{name}")]
    [InlineData("voipcenter: {knumer: \"123456\"}", "surfaces.voipcenter.knumer: is not a voipcenter setting; its settings are knummer, password, passwordHash, api.{apiID}")]
    [InlineData("escaux: {DefaultTenant: demo}", "surfaces.escaux.DefaultTenant: is not a escaux setting; its settings are eventSocketPassword")]
    public void A_setting_its_surface_could_not_read_is_refused_with_its_path(string surfaces, string problem)
    {
        var result = Loader.Parse($"tenant: x\nsurfaces:\n  {surfaces}\n", ScenarioFormat.Yaml);

        Assert.Equal(problem.Length == 0 ? [] : [problem], result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Surface_names_and_keys_ignore_case_and_flags_are_read_as_ipbx_writes_them()
    {
        var result = Loader.Parse(
            "tenant: x\nsurfaces:\n  Taridium: {ippsenabled: \"YES\", IPPSREQUIRESSL: off, timezone: America/New_York}\n  VoIPSUN: {User.Admin: secret, PERMISSIONS.Admin: ALL}\n",
            ScenarioFormat.Yaml);

        Assert.True(result.IsValid, result.ErrorText);
        var settings = result.Definition!.Settings;
        Assert.True(TaridiumSettings.From(settings, new CountryNames()).Enabled);
        Assert.Equal(VoipSunPermission.All, VoipSunSettings.From(settings).Users["Admin"].Permissions);
    }

    [Fact]
    public void Every_problem_is_named_at_once_beside_the_other_problems_of_the_scenario()
    {
        var result = Loader.Parse(
            "tenant: x\nextensions:\n  - {number: \"1x\"}\nsurfaces:\n  taridium: {IPPSEnabled: ture, IPPSRequireSSL: maybe}\n",
            ScenarioFormat.Yaml);

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.Path == "extensions[0].number");
        Assert.Contains(result.Errors, e => e.Path == "surfaces.taridium.IPPSEnabled");
        Assert.Contains(result.Errors, e => e.Path == "surfaces.taridium.IPPSRequireSSL");
    }

    [Theory]
    [InlineData("default.yaml")]
    [InlineData("demo.yaml")]
    [InlineData("voipsun.yaml")]
    public async Task The_repositorys_scenarios_are_valid(string file)
    {
        var loaded = await Loader.ParseFileAsync(Path.Combine(ScenariosFolder(), file), TestContext.Current.CancellationToken);

        Assert.True(loaded.IsValid, $"{file}: {loaded.ErrorText}");
    }

    [Fact]
    public void The_load_suites_surface_settings_are_valid()
    {
        // What load/PbxGrains.Load/Targets/LoadTenant.cs writes into every tenant it loads.
        var result = Loader.Parse(
            "tenant: x\nsurfaces:\n  taridium: {IPPSEnabled: true, IPPSRequireSSL: false}\n  voipsun: {user.load: load}\n  issabel: {user.admin: pwd, accessTokenLifetime: \"86400\"}\n  ami: {user.load: pwd, read.load: all, write.load: all}\n",
            ScenarioFormat.Yaml);

        Assert.True(result.IsValid, result.ErrorText);
    }

    private static string ScenariosFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "PbxGrains.sln")))
            {
                return Path.Combine(folder.FullName, "scenarios");
            }
        }

        throw new DirectoryNotFoundException("The repository was not found above the test's output.");
    }
}
