using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Surfaces.Settings;

namespace PbxGrains.Surfaces.VoipSun;

/// <summary>What an API user may do, as the product's user settings tick it (one box per group of actions).</summary>
[Flags]
public enum VoipSunPermission
{
    None = 0,
    Originate = 1,
    Hangup = 2,
    CallList = 4,
    SipStatus = 8,
    Spying = 16,
    CallCentre = 32,
    Recordings = 64,
    All = Originate | Hangup | CallList | SipStatus | Spying | CallCentre | Recordings,
}

/// <summary>An HTTP API user: its password and what it may do.</summary>
public sealed record class VoipSunUser(string Name, string Password, VoipSunPermission Permissions)
{
    public bool CheckPassword(string password) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(Password), Encoding.UTF8.GetBytes(password));
}

/// <summary>
/// A tenant's VoIPSUN settings, from <c>surfaces: {voipsun: {...}}</c> in its scenario (a flat map):
/// <list type="bullet">
/// <item><c>user.{name}: {password}</c> — an HTTP API user;</item>
/// <item><c>permissions.{name}: originate,hangup,listcalls,sipstatus,spying,callcentre,recordings</c> — what it may do
/// (<c>all</c> for everything, empty for nothing); a user without the key may do everything;</item>
/// <item><c>outroute.{id}: {name}</c> — an outgoing route (its calls leave on the tenant's trunk);</item>
/// <item><c>contexts: a,b,…</c> — the dialplan contexts that exist besides the extensions' dialplans;</item>
/// <item><c>internalNumber.{extension}: {number}</c> — the internal number of an extension within its dialplan, when
/// it is not the extension's own number (so two dialplans can each have a line 100);</item>
/// <item><c>trunkId</c> (default 1), <c>trunkHost</c>, <c>trunkPort</c> — the trunk's row in sipstatus and listcalls.</item>
/// </list>
/// </summary>
public sealed record class VoipSunSettings
{
    /// <summary>The key of these settings in <see cref="TenantSettings.Surfaces"/>: the surface's name.</summary>
    public const string SurfaceName = "voipsun";

    public ImmutableDictionary<string, VoipSunUser> Users { get; init; } = ImmutableDictionary<string, VoipSunUser>.Empty;

    /// <summary>Outgoing routes by id.</summary>
    public ImmutableSortedDictionary<int, string> Outroutes { get; init; } = ImmutableSortedDictionary<int, string>.Empty;

    public ImmutableHashSet<string> Contexts { get; init; } = [];

    /// <summary>Internal numbers by extension, where they differ from the extension's number.</summary>
    public ImmutableDictionary<string, string> InternalNumbers { get; init; } = ImmutableDictionary<string, string>.Empty;

    public string TrunkId { get; init; } = "1";

    public string? TrunkHost { get; init; }

    public string TrunkPort { get; init; } = "5060";

    /// <summary>The names <c>permissions.{name}</c> lists (any case).</summary>
    public static readonly IReadOnlyList<string> PermissionNames =
        ["all", "originate", "hangup", "listcalls", "calllist", "sipstatus", "spying", "callcentre", "callcenter", "recordings"];

    /// <summary>What a scenario may set (keys ignore case); a value the API could not read is refused when it loads.</summary>
    public static readonly SurfaceSettingsSchema Schema = new(
        SurfaceSetting.Text(UserPrefix + "{name}").Secret(),
        SurfaceSetting.ListOf(PermissionsPrefix + "{name}", PermissionNames),
        SurfaceSetting.Text(OutroutePrefix + "{id}").Named("a whole number", id => SettingValues.Number(id, 0, int.MaxValue) is not null),
        SurfaceSetting.Text("contexts"),
        SurfaceSetting.Text(InternalNumberPrefix + "{extension}"),
        SurfaceSetting.Number("trunkId", 0, int.MaxValue),
        SurfaceSetting.Text("trunkHost"),
        SurfaceSetting.Number("trunkPort", 0, 65535));

    private const string UserPrefix = "user.";
    private const string PermissionsPrefix = "permissions.";
    private const string OutroutePrefix = "outroute.";
    private const string InternalNumberPrefix = "internalNumber.";

    public static VoipSunSettings From(TenantSettings? settings)
    {
        var values = SurfaceSettingValues.Of(settings, SurfaceName);
        var users = ImmutableDictionary.CreateBuilder<string, VoipSunUser>(StringComparer.Ordinal);
        foreach (var (name, password) in values.Family(UserPrefix))
        {
            var permissions = values[PermissionsPrefix + name] is { } list ? ParsePermissions(list) : VoipSunPermission.All;
            users[name] = new VoipSunUser(name, password, permissions);
        }

        var outroutes = ImmutableSortedDictionary.CreateBuilder<int, string>();
        foreach (var (id, name) in values.Family(OutroutePrefix))
        {
            if (SettingValues.Number(id, 0, int.MaxValue) is { } number)
            {
                outroutes[(int)number] = name;
            }
        }

        return new VoipSunSettings
        {
            Users = users.ToImmutable(),
            Outroutes = outroutes.ToImmutable(),
            Contexts = [.. SettingValues.List(values["contexts"])],
            InternalNumbers = values.Family(InternalNumberPrefix).ToImmutableDictionary(p => p.Name, p => p.Value.Trim(), StringComparer.Ordinal),
            TrunkId = values["trunkId"] is { Length: > 0 } trunkId ? trunkId : "1",
            TrunkHost = values["trunkHost"] is { Length: > 0 } host ? host : null,
            TrunkPort = values["trunkPort"] is { Length: > 0 } port ? port : "5060",
        };
    }

    public static VoipSunPermission ParsePermissions(string list)
    {
        var permissions = VoipSunPermission.None;
        foreach (var name in SettingValues.List(list))
        {
            permissions |= name.ToLowerInvariant() switch
            {
                "all" => VoipSunPermission.All,
                "originate" => VoipSunPermission.Originate,
                "hangup" => VoipSunPermission.Hangup,
                "listcalls" or "calllist" => VoipSunPermission.CallList,
                "sipstatus" => VoipSunPermission.SipStatus,
                "spying" => VoipSunPermission.Spying,
                "callcentre" or "callcenter" => VoipSunPermission.CallCentre,
                "recordings" => VoipSunPermission.Recordings,
                _ => VoipSunPermission.None,
            };
        }

        return permissions;
    }
}
