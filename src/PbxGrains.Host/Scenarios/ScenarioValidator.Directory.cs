using System.Collections.Immutable;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Host.Scenarios.Documents;
using PbxGrains.Host.Scenarios.Reading;

namespace PbxGrains.Host.Scenarios;

/// <summary>The directory section: profiles, the phone inventory, and people merged into their extensions.</summary>
public sealed partial class ScenarioValidator
{
    private static readonly (string, PhoneKind)[] PhoneKinds = [("desk", PhoneKind.Desk), ("soft", PhoneKind.Soft), ("virtual", PhoneKind.Virtual)];

    private static readonly (string, ParameterScope)[] Scopes = [("user", ParameterScope.User), ("admin", ParameterScope.Admin)];

    /// <summary>Checks the section and merges its people and attached phones into <paramref name="extensions"/>.</summary>
    private DirectoryCatalogue Directory(DirectoryDocument? document, List<ValidExtension> extensions)
    {
        if (document is null)
        {
            return DirectoryCatalogue.Empty;
        }

        var byNumber = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < extensions.Count; i++)
        {
            byNumber.TryAdd(extensions[i].Config.Number, i);
        }

        var profiles = ImmutableArray.CreateBuilder<ProfileConfig>();
        var profileNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < (document.Profiles?.Count ?? 0); i++)
        {
            var path = ScenarioErrors.Item("directory.profiles", i);
            var profile = Profile(document.Profiles![i], path);
            if (profile is not null && !profileNames.Add(profile.Name))
            {
                _errors.Add(ScenarioErrors.Child(path, "name"), $"profile '{profile.Name}' is defined twice");
            }
            else if (profile is not null)
            {
                profiles.Add(profile);
            }
        }

        var phones = ImmutableArray.CreateBuilder<PhoneConfig>();
        var phoneIds = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < (document.Phones?.Count ?? 0); i++)
        {
            var path = ScenarioErrors.Item("directory.phones", i);
            var phone = document.Phones![i];
            var id = Identifier(phone.Id, ScenarioErrors.Child(path, "id"), 64);
            if (id is null)
            {
                continue;
            }

            if (!phoneIds.Add(id))
            {
                _errors.Add(ScenarioErrors.Child(path, "id"), $"phone '{id}' is listed twice");
                continue;
            }

            var mac = phone.Mac ?? "";
            if (mac.Length > 0 && (mac.Length != 12 || !mac.All(char.IsAsciiHexDigit)))
            {
                _errors.Add(ScenarioErrors.Child(path, "mac"), "must be 12 hexadecimal digits");
            }

            phones.Add(new PhoneConfig
            {
                Id = id,
                Kind = Choice(phone.Kind, ScenarioErrors.Child(path, "kind"), PhoneKinds, PhoneKind.Desk),
                Mac = mac.ToUpperInvariant(),
                Model = phone.Model ?? "",
            });
            if (phone.Extension is { } owner)
            {
                AttachPhone(extensions, byNumber, owner, id, ScenarioErrors.Child(path, "extension"));
            }
        }

        for (var i = 0; i < (document.People?.Count ?? 0); i++)
        {
            var path = ScenarioErrors.Item("directory.people", i);
            var person = document.People![i];
            if (Required(person.Extension, ScenarioErrors.Child(path, "extension")) is not { } number)
            {
                continue;
            }

            if (!byNumber.TryGetValue(number, out var index))
            {
                _errors.Add(ScenarioErrors.Child(path, "extension"), $"extension '{number}' is not defined");
                continue;
            }

            var extension = extensions[index];
            if (extension.Config.Person is not null)
            {
                _errors.Add(ScenarioErrors.Child(path, "extension"), $"extension '{number}' already has a directory entry");
                continue;
            }

            extensions[index] = extension with { Config = Merge(extension.Config, person) };
        }

        return new DirectoryCatalogue { Profiles = profiles.ToImmutable(), Phones = phones.ToImmutable() };
    }

    private ProfileConfig? Profile(ProfileDocument document, string path)
    {
        if (Required(document.Name, ScenarioErrors.Child(path, "name")) is not { } name)
        {
            return null;
        }

        var statuses = ImmutableArray.CreateBuilder<ProfileStatus>();
        for (var i = 0; i < (document.Statuses?.Count ?? 0); i++)
        {
            var status = document.Statuses![i];
            var statusPath = ScenarioErrors.Item(ScenarioErrors.Child(path, "statuses"), i);
            if (Required(status.Name, ScenarioErrors.Child(statusPath, "name")) is not { } statusName)
            {
                continue;
            }

            if (statuses.Any(s => string.Equals(s.Name, statusName, StringComparison.OrdinalIgnoreCase)))
            {
                _errors.Add(ScenarioErrors.Child(statusPath, "name"), $"status '{statusName}' is listed twice");
                continue;
            }

            statuses.Add(new ProfileStatus
            {
                Name = statusName,
                Permission = Whole(status.Permission, ScenarioErrors.Child(statusPath, "permission"), 30, 0, int.MaxValue),
                Translations = Map(status.Translations),
            });
        }

        var parameters = ImmutableArray.CreateBuilder<ProfileParameter>();
        for (var i = 0; i < (document.Parameters?.Count ?? 0); i++)
        {
            var parameter = document.Parameters![i];
            var parameterPath = ScenarioErrors.Item(ScenarioErrors.Child(path, "parameters"), i);
            if (Required(parameter.Name, ScenarioErrors.Child(parameterPath, "name")) is not { } parameterName)
            {
                continue;
            }

            if (parameters.Any(p => string.Equals(p.Name, parameterName, StringComparison.OrdinalIgnoreCase)))
            {
                _errors.Add(ScenarioErrors.Child(parameterPath, "name"), $"parameter '{parameterName}' is listed twice");
                continue;
            }

            parameters.Add(new ProfileParameter
            {
                Name = parameterName,
                FriendlyName = parameter.FriendlyName ?? parameterName,
                Description = parameter.Description ?? "",
                Type = parameter.Type ?? "STRING",
                Scope = Choice(parameter.Scope, ScenarioErrors.Child(parameterPath, "scope"), Scopes, ParameterScope.User),
                Default = parameter.Default ?? "",
                Options = [.. parameter.Options ?? []],
                Translations = Map(parameter.Translations),
            });
        }

        return new ProfileConfig { Name = name, Class = document.Class ?? "", Statuses = statuses.ToImmutable(), Parameters = parameters.ToImmutable() };
    }

    private void AttachPhone(List<ValidExtension> extensions, Dictionary<string, int> byNumber, string owner, string phone, string path)
    {
        if (!byNumber.TryGetValue(owner, out var index))
        {
            _errors.Add(path, $"extension '{owner}' is not defined");
            return;
        }

        var extension = extensions[index];
        if (extension.Config.DeviceIds.Contains(phone, StringComparer.OrdinalIgnoreCase))
        {
            return;
        }

        var elsewhere = extensions.FirstOrDefault(e => e.Config.DeviceIds.Contains(phone, StringComparer.OrdinalIgnoreCase));
        if (elsewhere is not null)
        {
            _errors.Add(path, $"phone '{phone}' is already attached to extension {elsewhere.Config.Number}");
            return;
        }

        extensions[index] = extension with { Config = extension.Config with { DeviceIds = extension.Config.DeviceIds.Add(phone) } };
    }

    private static ExtensionConfig Merge(ExtensionConfig config, PersonDocument person) => config with
    {
        Person = new PersonDetails
        {
            Login = person.Login ?? "",
            FirstName = person.FirstName ?? "",
            LastName = person.LastName ?? "",
            Group = person.Group ?? "",
            Mobile = person.Mobile ?? "",
            Home = person.Home ?? "",
            Fax = person.Fax ?? "",
            Email = person.Email ?? "",
            Company = person.Company ?? "",
            Office = person.Office ?? "",
            Site = person.Site,
            Admin = person.Admin ?? "",
            OutgoingNumber = person.OutgoingNumber,
            Source = person.Source ?? "",
            Hidden = person.Hidden ?? false,
            ContextId = person.ContextId ?? "",
            Servers = [.. (person.Servers ?? []).Select(s => new ServerKey(s.Key ?? "", s.Address ?? ""))],
        },
        Profile = person.Profile ?? config.Profile,
        Status = person.Status ?? config.Status,
        Pincode = person.Pincode ?? config.Pincode,
        ProfileParameters = person.ProfileParameters is null ? config.ProfileParameters : config.ProfileParameters.SetItems(person.ProfileParameters),
    };
}
