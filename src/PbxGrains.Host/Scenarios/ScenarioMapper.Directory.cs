using PbxGrains.Abstractions.Contracts;
using PbxGrains.Host.Scenarios.Documents;
using static PbxGrains.Grains.Catalogue.Rules.FieldProblems;

namespace PbxGrains.Host.Scenarios;

/// <summary>The directory section: profiles, the phone inventory, and people merged into their extensions.</summary>
public sealed partial class ScenarioMapper
{
    private static readonly (string, PhoneKind)[] PhoneKinds = [("desk", PhoneKind.Desk), ("soft", PhoneKind.Soft), ("virtual", PhoneKind.Virtual)];

    private static readonly (string, ParameterScope)[] Scopes = [("user", ParameterScope.User), ("admin", ParameterScope.Admin)];

    /// <summary>The profiles and phones; people, and phones that name their extension, are merged into <paramref name="extensions"/>.</summary>
    private DirectoryCatalogue Directory(DirectoryDocument? document, List<MappedExtension> extensions)
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

        var phones = (document.Phones ?? []).Select((phone, i) => Phone(phone, Item("directory.phones", i), extensions, byNumber)).ToList();
        for (var i = 0; i < (document.People?.Count ?? 0); i++)
        {
            Person(document.People![i], Item("directory.people", i), extensions, byNumber);
        }

        return new DirectoryCatalogue
        {
            Profiles = [.. (document.Profiles ?? []).Select((profile, i) => Profile(profile, Item("directory.profiles", i)))],
            Phones = [.. phones],
        };
    }

    private ProfileConfig Profile(ProfileDocument document, string path) => new()
    {
        Name = document.Name ?? "",
        Class = document.Class ?? "",
        Statuses = [.. (document.Statuses ?? []).Select(s => new ProfileStatus { Name = s.Name ?? "", Permission = s.Permission ?? 30, Translations = Strings(s.Translations) })],
        Parameters = [.. (document.Parameters ?? []).Select((p, i) => new ProfileParameter
        {
            Name = p.Name ?? "",
            FriendlyName = p.FriendlyName ?? p.Name ?? "",
            Description = p.Description ?? "",
            Type = p.Type ?? "STRING",
            Scope = Choice(p.Scope, Child(Item(Child(path, "parameters"), i), "scope"), Scopes, ParameterScope.User),
            Default = p.Default ?? "",
            Options = [.. p.Options ?? []],
            Translations = Strings(p.Translations),
        })],
    };

    private PhoneConfig Phone(PhoneInventoryDocument phone, string path, List<MappedExtension> extensions, Dictionary<string, int> byNumber)
    {
        var config = new PhoneConfig
        {
            Id = phone.Id ?? "",
            Kind = Choice(phone.Kind, Child(path, "kind"), PhoneKinds, PhoneKind.Desk),
            Mac = (phone.Mac ?? "").ToUpperInvariant(),
            Model = phone.Model ?? "",
        };
        if (phone.Extension is { } owner && config.Id.Length > 0)
        {
            AttachPhone(extensions, byNumber, owner, config.Id, Child(path, "extension"));
        }

        return config;
    }

    /// <summary>A phone that names its extension becomes one of the extension's devices.</summary>
    private void AttachPhone(List<MappedExtension> extensions, Dictionary<string, int> byNumber, string owner, string phone, string path)
    {
        if (!byNumber.TryGetValue(owner, out var index))
        {
            _problems.Add(path, $"extension '{owner}' is not defined");
            return;
        }

        var extension = extensions[index];
        if (extension.Config.DeviceIds.Contains(phone, StringComparer.OrdinalIgnoreCase))
        {
            return;
        }

        if (extensions.FirstOrDefault(e => e.Config.DeviceIds.Contains(phone, StringComparer.OrdinalIgnoreCase)) is { } elsewhere)
        {
            _problems.Add(path, $"phone '{phone}' is already attached to extension {elsewhere.Config.Number}");
            return;
        }

        extensions[index] = extension with { Config = extension.Config with { DeviceIds = extension.Config.DeviceIds.Add(phone) } };
    }

    /// <summary>A person is listed on the extension they name, which takes their profile, status and PIN where they give one.</summary>
    private void Person(PersonDocument person, string path, List<MappedExtension> extensions, Dictionary<string, int> byNumber)
    {
        var at = Child(path, "extension");
        if (person.Extension is not { Length: > 0 } number)
        {
            _problems.Add(at, "is required");
            return;
        }

        if (!byNumber.TryGetValue(number, out var index))
        {
            _problems.Add(at, $"extension '{number}' is not defined");
            return;
        }

        if (extensions[index].Config.Person is not null)
        {
            _problems.Add(at, $"extension '{number}' already has a directory entry");
            return;
        }

        var config = extensions[index].Config;
        extensions[index] = extensions[index] with
        {
            Config = config with
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
            },
        };
    }
}
