namespace PbxGrains.Surfaces.Settings;

/// <summary>
/// One key of a surface's tenant settings and what its value must be, or a family of keys that share a prefix and
/// differ by a name (<c>user.{name}</c>, <c>outroute.{id}</c>). Keys ignore case, as the surfaces read them.
/// </summary>
public sealed class SurfaceSetting
{
    private readonly Func<string, bool> _accepts;
    private readonly Func<string, bool> _acceptsName;

    private SurfaceSetting(string key, string expected, Func<string, bool> accepts, string? nameExpected = null, Func<string, bool>? acceptsName = null)
    {
        Key = key;
        Expected = expected;
        _accepts = accepts;
        var open = key.IndexOf('{', StringComparison.Ordinal);
        Prefix = open > 0 ? key[..open] : null;
        NameExpected = nameExpected;
        _acceptsName = acceptsName ?? (_ => true);
    }

    /// <summary>The key as the documentation writes it: <c>IPPSEnabled</c>, or <c>user.{name}</c> for a family.</summary>
    public string Key { get; }

    /// <summary>For a family, what its keys start with (<c>user.</c>); null for a single key.</summary>
    public string? Prefix { get; }

    /// <summary>What a value must be, in words ("true or false").</summary>
    public string Expected { get; }

    /// <summary>For a family whose names are checked, what a name must be ("a whole number").</summary>
    public string? NameExpected { get; }

    /// <summary>A password, key or other credential: written, never shown (the control API says only that it is set).</summary>
    public bool IsSecret { get; private init; }

    /// <summary>
    /// A value that selects its tenant when a request carries it (VoipCenter's <c>knummer</c>): it may belong to one
    /// tenant only, so a second tenant that claims it is refused when it loads.
    /// </summary>
    public bool SelectsTenant { get; private init; }

    public static SurfaceSetting Text(string key) => new(key, "text", _ => true);

    public static SurfaceSetting Flag(string key) => new(key, "true or false", v => SettingValues.Flag(v) is not null);

    /// <summary>A whole number written with digits only, from <paramref name="min"/> to <paramref name="max"/> (no bound by default).</summary>
    public static SurfaceSetting Number(string key, long min = 0, long max = long.MaxValue) =>
        new(key, max == long.MaxValue ? $"a whole number of at least {min}" : $"a whole number from {min} to {max}", v => SettingValues.Number(v, min, max) is not null);

    public static SurfaceSetting TimeZone(string key) =>
        new(key, "a time zone id such as Europe/Brussels", v => SettingValues.TimeZone(v) is not null);

    /// <summary>A comma-separated list whose items are among <paramref name="items"/> (any case); empty is none.</summary>
    public static SurfaceSetting ListOf(string key, IReadOnlyCollection<string> items) =>
        new(key, $"a comma-separated list of {string.Join(", ", items)}", v => SettingValues.List(v).All(i => items.Contains(i, StringComparer.OrdinalIgnoreCase)));

    /// <summary>The same setting whose family names must also satisfy <paramref name="accepts"/>.</summary>
    public SurfaceSetting Named(string expected, Func<string, bool> accepts) =>
        new(Key, Expected, _accepts, expected, accepts) { IsSecret = IsSecret, SelectsTenant = SelectsTenant };

    /// <summary>The same setting, a credential that is never shown (<see cref="IsSecret"/>).</summary>
    public SurfaceSetting Secret() => new(Key, Expected, _accepts, NameExpected, _acceptsName) { IsSecret = true, SelectsTenant = SelectsTenant };

    /// <summary>The same setting, a value that selects its tenant and so belongs to one only (<see cref="SelectsTenant"/>).</summary>
    public SurfaceSetting SelectingTenant() => new(Key, Expected, _accepts, NameExpected, _acceptsName) { IsSecret = IsSecret, SelectsTenant = true };

    /// <summary>Whether <paramref name="key"/> is this setting's (or one of its family's: the prefix and a name).</summary>
    public bool Covers(string key) => Prefix is null
        ? string.Equals(key, Key, StringComparison.OrdinalIgnoreCase)
        : key.Length > Prefix.Length && key.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>What is wrong with a key this setting covers and its value; null when nothing is.</summary>
    public string? Problem(string key, string value)
    {
        if (Prefix is not null && !_acceptsName(key[Prefix.Length..]))
        {
            return $"the name after '{Prefix}' must be {NameExpected}";
        }

        return _accepts(value) ? null : $"must be {Expected}";
    }
}
