using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Surfaces.Settings;

namespace PbxGrains.Surfaces.Ami;

/// <summary>
/// A tenant's manager users, from <c>surfaces: {ami: {...}}</c> in its scenario, as Asterisk's <c>manager.conf</c>
/// writes them per user:
/// <list type="bullet">
/// <item><c>user.{name}: {secret}</c> — a manager user and its secret (plain, and for the MD5 challenge);</item>
/// <item><c>read.{name}</c>, <c>write.{name}</c> — its permission classes (<c>system,call,agent,user,reporting,…</c>,
/// <c>all</c>); none when left out, as in Asterisk.</item>
/// </list>
/// A client logs in as <c>{name}</c> on the surface's default tenant, or as <c>{name}@{tenant}</c>.
/// </summary>
public sealed class AmiSettings
{
    public const string UserPrefix = "user.";
    public const string ReadPrefix = "read.";
    public const string WritePrefix = "write.";

    // Parsed once per settings object: the read model hands out the same object until the tenant's settings change.
    private static readonly ConditionalWeakTable<TenantSettings, AmiSettings> Parsed = [];

    private AmiSettings(ImmutableDictionary<string, AmiUser> users) => Users = users;

    /// <summary>The settings of a tenant that does not exist: nobody logs in.</summary>
    public static AmiSettings None { get; } = new(ImmutableDictionary<string, AmiUser>.Empty);

    /// <summary>The manager users by name (names ignore case, as <c>manager.conf</c>'s sections do).</summary>
    public ImmutableDictionary<string, AmiUser> Users { get; }

    /// <summary>What a scenario may set (keys ignore case).</summary>
    public static readonly SurfaceSettingsSchema Schema = new(
        SurfaceSetting.Text(UserPrefix + "{name}").Secret(),
        SurfaceSetting.ListOf(ReadPrefix + "{name}", AmiPermissions.All),
        SurfaceSetting.ListOf(WritePrefix + "{name}", AmiPermissions.All));

    public static AmiSettings Of(TenantSettings? settings) => settings is null ? None : Parsed.GetValue(settings, From);

    private static AmiSettings From(TenantSettings settings)
    {
        var values = SurfaceSettingValues.Of(settings, AmiApi.Surface.Name);
        var users = ImmutableDictionary.CreateBuilder<string, AmiUser>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, secret) in values.Family(UserPrefix))
        {
            users[name] = new AmiUser(
                name,
                secret,
                AmiPermissions.Parse(values[ReadPrefix + name]),
                AmiPermissions.Parse(values[WritePrefix + name]));
        }

        return new AmiSettings(users.ToImmutable());
    }
}

/// <summary>One manager user of a tenant: its secret and what it may read and write.</summary>
public sealed record class AmiUser(string Name, string Secret, AmiPermission Read, AmiPermission Write);
