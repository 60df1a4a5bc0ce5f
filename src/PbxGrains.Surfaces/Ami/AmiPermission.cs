namespace PbxGrains.Surfaces.Ami;

/// <summary>
/// Asterisk's manager permission classes (<c>EVENT_FLAG_*</c>, with Asterisk's bits): what a manager user may read
/// (the events it receives) and write (the actions it may send), and the class of every event and action.
/// </summary>
[Flags]
public enum AmiPermission
{
    None = 0,
    System = 1 << 0,
    Call = 1 << 1,
    Log = 1 << 2,
    Verbose = 1 << 3,
    Command = 1 << 4,
    Agent = 1 << 5,
    User = 1 << 6,
    Config = 1 << 7,
    Dtmf = 1 << 8,
    Reporting = 1 << 9,
    Cdr = 1 << 10,
    Dialplan = 1 << 11,
    Originate = 1 << 12,
    Agi = 1 << 13,
    HookResponse = 1 << 14,
    Cc = 1 << 15,
    Aoc = 1 << 16,
    Test = 1 << 17,
    Security = 1 << 18,
    Message = 1 << 30,
    All = int.MaxValue,
}

/// <summary>Asterisk's names of the permission classes, both ways (<c>perms[]</c>, <c>get_perm</c>, <c>strings_to_mask</c>).</summary>
public static class AmiPermissions
{
    /// <summary>The classes in Asterisk's order, with their names; <c>all</c> and <c>none</c> last.</summary>
    private static readonly (AmiPermission Flag, string Name)[] Names =
    [
        (AmiPermission.System, "system"), (AmiPermission.Call, "call"), (AmiPermission.Log, "log"),
        (AmiPermission.Verbose, "verbose"), (AmiPermission.Command, "command"), (AmiPermission.Agent, "agent"),
        (AmiPermission.User, "user"), (AmiPermission.Config, "config"), (AmiPermission.Dtmf, "dtmf"),
        (AmiPermission.Reporting, "reporting"), (AmiPermission.Cdr, "cdr"), (AmiPermission.Dialplan, "dialplan"),
        (AmiPermission.Originate, "originate"), (AmiPermission.Agi, "agi"), (AmiPermission.Cc, "cc"),
        (AmiPermission.Aoc, "aoc"), (AmiPermission.Test, "test"), (AmiPermission.Security, "security"),
        (AmiPermission.Message, "message"), (AmiPermission.All, "all"), (AmiPermission.None, "none"),
    ];

    /// <summary>Every name a permission list may hold.</summary>
    public static IReadOnlyCollection<string> All { get; } = [.. Names.Select(n => n.Name)];

    /// <summary>A comma-separated list of class names (<c>read = call,agent</c>); unknown names count for nothing, as in Asterisk.</summary>
    public static AmiPermission Parse(string? list)
    {
        var permission = AmiPermission.None;
        foreach (var item in (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            foreach (var (flag, name) in Names)
            {
                if (string.Equals(item, name, StringComparison.OrdinalIgnoreCase))
                {
                    permission |= flag;
                }
            }
        }

        return permission;
    }

    /// <summary>
    /// An <c>Events:</c> value: digits are a mask, a false word is none, a true word is every class, anything else a
    /// list of classes; null when there is no value (Asterisk's <c>strings_to_mask</c>, whose -1 means "invalid").
    /// </summary>
    public static AmiPermission? ParseMask(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (value.All(char.IsAsciiDigit))
        {
            return int.TryParse(value, out var mask) ? (AmiPermission)mask : AmiPermission.All;
        }

        if (value.ToLowerInvariant() is "no" or "false" or "n" or "f" or "0" or "off")
        {
            return AmiPermission.None;
        }

        return value.ToLowerInvariant() is "yes" or "true" or "y" or "t" or "1" or "on"
            ? AmiPermission.All
            : Parse(value);
    }

    /// <summary>
    /// An event's <c>Privilege:</c> value (Asterisk's <c>authority_to_str</c>): its class names, then <c>all</c>, which
    /// every class is part of (<c>call,all</c>).
    /// </summary>
    public static string Privilege(AmiPermission permission)
    {
        var names = Names.Where(n => n.Flag != AmiPermission.None && (permission & n.Flag) != 0).Select(n => n.Name).ToList();
        return names.Count == 0 ? "<none>" : string.Join(',', names);
    }
}
