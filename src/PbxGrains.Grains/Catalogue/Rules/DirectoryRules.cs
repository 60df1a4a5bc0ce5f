using PbxGrains.Abstractions.Contracts;
using static PbxGrains.Grains.Catalogue.Rules.FieldProblems;

namespace PbxGrains.Grains.Catalogue.Rules;

/// <summary>What makes a directory inventory valid: named, unique profiles, statuses, parameters and phones.</summary>
public static class DirectoryRules
{
    public const int MaxPhoneIdLength = 64;

    public static void Check(DirectoryCatalogue directory, FieldProblems problems, string path)
    {
        var profiles = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < directory.Profiles.Length; i++)
        {
            var profile = directory.Profiles[i];
            var at = Item(Child(path, "profiles"), i);
            Unique(problems, Child(at, "name"), profile.Name, profiles, $"profile '{profile.Name}' is defined twice");
            var statuses = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (var s = 0; s < profile.Statuses.Length; s++)
            {
                var status = Item(Child(at, "statuses"), s);
                Unique(problems, Child(status, "name"), profile.Statuses[s].Name, statuses, $"status '{profile.Statuses[s].Name}' is listed twice");
                problems.AtLeast(Child(status, "permission"), profile.Statuses[s].Permission, 0);
            }

            var parameters = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (var p = 0; p < profile.Parameters.Length; p++)
            {
                var parameter = Item(Child(at, "parameters"), p);
                Unique(problems, Child(parameter, "name"), profile.Parameters[p].Name, parameters, $"parameter '{profile.Parameters[p].Name}' is listed twice");
                problems.Defined(Child(parameter, "scope"), profile.Parameters[p].Scope, "must be user or admin");
            }
        }

        var phones = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < directory.Phones.Length; i++)
        {
            var phone = directory.Phones[i];
            var at = Item(Child(path, "phones"), i);
            if (problems.Identifier(Child(at, "id"), phone.Id, MaxPhoneIdLength))
            {
                Unique(problems, Child(at, "id"), phone.Id, phones, $"phone '{phone.Id}' is listed twice");
            }

            problems.Defined(Child(at, "kind"), phone.Kind, "must be desk, soft or virtual");
            if (phone.Mac.Length > 0 && (phone.Mac.Length != 12 || !phone.Mac.All(char.IsAsciiHexDigit)))
            {
                problems.Add(Child(at, "mac"), "must be 12 hexadecimal digits");
            }
        }
    }

    /// <summary>Names compare ignoring case: the vendors' directories look them up that way.</summary>
    private static void Unique(FieldProblems problems, string path, string name, HashSet<string> seen, string twice)
    {
        if (problems.Required(path, name) && !seen.Add(name))
        {
            problems.Add(path, twice);
        }
    }
}
