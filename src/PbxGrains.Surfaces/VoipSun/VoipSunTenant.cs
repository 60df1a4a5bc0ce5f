using System.Collections.Immutable;
using PbxGrains.Abstractions.Contracts;

namespace PbxGrains.Surfaces.VoipSun;

/// <summary>
/// What the API knows of a tenant between two reads of its catalogue: its VoIPSUN settings and its lines (the
/// extensions' configurations), with the lookups the actions need. Immutable; <see cref="VoipSunReadModel"/> swaps it.
/// </summary>
public sealed class VoipSunTenant
{
    public static readonly VoipSunTenant Missing = new(false, new TenantSettings(), []);

    public VoipSunTenant(bool exists, TenantSettings settings, ImmutableArray<ExtensionConfig> lines)
    {
        Exists = exists;
        Tenant = settings;
        Settings = VoipSunSettings.From(exists ? settings : null);
        Lines = lines;
        Dialplans = [.. lines.Select(l => l.Dialplan).Concat(Settings.Contexts)];
        DialplanIds = lines.Select(l => l.Dialplan).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select((name, index) => (name, index)).ToImmutableDictionary(p => p.name, p => p.index + 1, StringComparer.Ordinal);
    }

    public bool Exists { get; }

    public TenantSettings Tenant { get; }

    public VoipSunSettings Settings { get; }

    public ImmutableArray<ExtensionConfig> Lines { get; }

    /// <summary>Every context a call can be sent to: the lines' dialplans and the configured contexts.</summary>
    public ImmutableHashSet<string> Dialplans { get; }

    /// <summary>The dialplans' database ids (1, 2, … in name order), as queue member locations show them.</summary>
    public ImmutableDictionary<string, int> DialplanIds { get; }

    public string InternalNumberOf(ExtensionConfig line) => Settings.InternalNumbers.GetValueOrDefault(line.Number) ?? line.Number;

    public ExtensionConfig? ByNumber(string number) => Lines.FirstOrDefault(l => l.Number == number);

    /// <summary>The location a queue shows for a member at this extension: <c>Local/{number}@extensions-dialplanid-{id}</c>.</summary>
    public string LocationOf(string extension)
    {
        var line = ByNumber(extension);
        var id = line is null ? 1 : DialplanIds.GetValueOrDefault(line.Dialplan, 1);
        return $"Local/{(line is null ? extension : InternalNumberOf(line))}@extensions-dialplanid-{id}";
    }
}
