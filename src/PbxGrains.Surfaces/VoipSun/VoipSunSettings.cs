using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using PbxGrains.Abstractions.Contracts;

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

    public static VoipSunSettings From(TenantSettings? settings)
    {
        var map = settings?.Surfaces.GetValueOrDefault(SurfaceName) ?? ImmutableDictionary<string, string>.Empty;
        var users = ImmutableDictionary.CreateBuilder<string, VoipSunUser>(StringComparer.Ordinal);
        foreach (var (key, password) in map.Where(p => p.Key.StartsWith("user.", StringComparison.Ordinal) && p.Key.Length > 5))
        {
            var name = key[5..];
            var permissions = map.TryGetValue("permissions." + name, out var list) ? ParsePermissions(list) : VoipSunPermission.All;
            users[name] = new VoipSunUser(name, password, permissions);
        }

        var outroutes = ImmutableSortedDictionary.CreateBuilder<int, string>();
        foreach (var (key, name) in map.Where(p => p.Key.StartsWith("outroute.", StringComparison.Ordinal)))
        {
            if (int.TryParse(key.AsSpan(9), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
            {
                outroutes[id] = name;
            }
        }

        return new VoipSunSettings
        {
            Users = users.ToImmutable(),
            Outroutes = outroutes.ToImmutable(),
            Contexts = [.. Split(map.GetValueOrDefault("contexts"))],
            InternalNumbers = map.Where(p => p.Key.StartsWith("internalNumber.", StringComparison.Ordinal) && p.Key.Length > 15)
                .ToImmutableDictionary(p => p.Key[15..], p => p.Value.Trim(), StringComparer.Ordinal),
            TrunkId = map.GetValueOrDefault("trunkId") is { Length: > 0 } trunkId ? trunkId : "1",
            TrunkHost = map.GetValueOrDefault("trunkHost") is { Length: > 0 } host ? host : null,
            TrunkPort = map.GetValueOrDefault("trunkPort") is { Length: > 0 } port ? port : "5060",
        };
    }

    public static VoipSunPermission ParsePermissions(string list)
    {
        var permissions = VoipSunPermission.None;
        foreach (var name in Split(list))
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

    private static IEnumerable<string> Split(string? list) =>
        (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
