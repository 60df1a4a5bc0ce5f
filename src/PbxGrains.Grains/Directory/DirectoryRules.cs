using PbxGrains.Abstractions.Contracts;

namespace PbxGrains.Grains.Directory;

/// <summary>What makes a directory inventory valid: unique, non-empty profile names, statuses, parameters and phone ids.</summary>
public static class DirectoryRules
{
    public static string? Validate(DirectoryCatalogue directory)
    {
        if (Duplicate(directory.Profiles.Select(p => p.Name)) is { } profile)
        {
            return $"profiles: '{profile}' is not a unique, non-empty name";
        }

        foreach (var p in directory.Profiles)
        {
            if (Duplicate(p.Statuses.Select(s => s.Name)) is { } status)
            {
                return $"profiles.{p.Name}.statuses: '{status}' is not a unique, non-empty name";
            }

            if (Duplicate(p.Parameters.Select(s => s.Name)) is { } parameter)
            {
                return $"profiles.{p.Name}.parameters: '{parameter}' is not a unique, non-empty name";
            }
        }

        return Duplicate(directory.Phones.Select(p => p.Id)) is { } phone ? $"phones: '{phone}' is not a unique, non-empty id" : null;
    }

    private static string? Duplicate(IEnumerable<string> names)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        return names.FirstOrDefault(n => string.IsNullOrWhiteSpace(n) || !seen.Add(n));
    }
}
