using System.Collections.Immutable;
using System.Globalization;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Ids;
using PbxGrains.Grains.Catalogue;
using PbxGrains.Grains.Catalogue.Rules;
using PbxGrains.Host.Scenarios.Documents;
using static PbxGrains.Grains.Catalogue.Rules.FieldProblems;

namespace PbxGrains.Host.Scenarios;

/// <summary>Extensions, the extension groups that expand into them, their registrations and phones.</summary>
public sealed partial class ScenarioMapper
{
    /// <summary>More would make one document a load test of its own; traffic is the tool for that.</summary>
    private const int MaxGroupSize = TenantRules.MaxExtensions;

    /// <summary>An extension of the definition, its registration, and the document item it came from.</summary>
    private sealed record class MappedExtension(ExtensionConfig Config, Registration? Registration, string Path);

    private List<MappedExtension> Extensions(List<ExtensionDocument>? extensions, List<ExtensionGroupDocument>? groups)
    {
        var result = new List<MappedExtension>();
        for (var i = 0; i < (extensions?.Count ?? 0); i++)
        {
            result.Add(Extension(extensions![i], Item("extensions", i)));
        }

        for (var i = 0; i < (groups?.Count ?? 0); i++)
        {
            var path = Item("extensionGroups", i);
            if (groups![i] is { From: { } from, To: { } to } && to >= from && result.Count + ((long)to - from + 1) > TenantRules.MaxExtensions)
            {
                // Checked before expanding: many groups of the largest size would otherwise fill memory.
                _problems.Add(path, $"takes the tenant past {TenantRules.MaxExtensions} extensions");
                break;
            }

            result.AddRange(ExtensionGroup(groups[i], path));
        }

        for (var k = 0; k < result.Count; k++)
        {
            _paths.Add(Item("extensions", k), result[k].Path);
            _paths.Add(TenantRules.RegistrationPath(result[k].Config.Number), Child(result[k].Path, "registration"));
        }

        return result;
    }

    private MappedExtension Extension(ExtensionDocument document, string path)
    {
        var config = new ExtensionConfig
        {
            Number = document.Number ?? "",
            Name = document.Name ?? "",
            CallerIdNumber = document.CallerIdNumber,
            Tech = Tech(document.Tech, Child(path, "tech")),
            Secret = document.Secret ?? "",
            PublicNumber = document.PublicNumber,
            SipUser = document.SipUser,
            Dialplan = document.Dialplan ?? "default",
            Profile = document.Profile,
            Status = document.Status,
            ProfileParameters = Strings(document.ProfileParameters),
            Pincode = document.Pincode,
            DatabaseId = document.Id,
            RingTimerSeconds = document.RingTimer ?? 30,
            AccountCode = document.AccountCode,
            RecordCalls = document.RecordCalls ?? false,
            DeviceIds = [.. document.Devices ?? []],
            Voicemail = document.Voicemail ?? false,
            Settings = Strings(document.Settings),
            Phone = Phone(document.Phone, Child(path, "phone")),
        };

        return new MappedExtension(config, Registration(document.Registered, document.Registration, config, path), path);
    }

    private IEnumerable<MappedExtension> ExtensionGroup(ExtensionGroupDocument group, string path)
    {
        if (group.From is null || group.To is null)
        {
            _problems.Add(Child(path, group.From is null ? "from" : "to"), "is required");
            return [];
        }

        if (group.From < 0 || group.To < group.From)
        {
            _problems.Add(Child(path, "to"), "must not be below from (and from not below 0)");
            return [];
        }

        if (group.To.Value.ToString(CultureInfo.InvariantCulture).Length > DialableNumber.MaxLength)
        {
            _problems.Add(Child(path, "to"), $"makes numbers longer than {DialableNumber.MaxLength} digits");
            return [];
        }

        if (group.To - group.From >= MaxGroupSize)
        {
            _problems.Add(path, $"holds more than {MaxGroupSize} extensions");
            return [];
        }

        var pattern = group.NamePattern ?? "Extension {n}";
        var template = new ExtensionConfig
        {
            Number = "",
            Tech = Tech(group.Tech, Child(path, "tech")),
            Dialplan = group.Dialplan ?? "default",
            Profile = group.Profile,
            RingTimerSeconds = group.RingTimer ?? 30,
            AccountCode = group.AccountCode,
            RecordCalls = group.RecordCalls ?? false,
            Voicemail = group.Voicemail ?? false,
            Settings = Strings(group.Settings),
            Phone = Phone(group.Phone, Child(path, "phone")),
        };

        var result = new List<MappedExtension>();
        for (var n = group.From.Value; n <= group.To.Value; n++)
        {
            var number = n.ToString(CultureInfo.InvariantCulture);
            var config = template with { Number = number, Name = pattern.Replace("{n}", number, StringComparison.Ordinal) };
            result.Add(new MappedExtension(config, Registration(group.Registered, group.Registration, config, path), path));
        }

        return result;
    }

    private static readonly (string Name, string Value)[] Techs = [.. ExtensionRules.Techs.Select(t => (t, t))];

    private string Tech(string? tech, string path) => Choice(tech, path, Techs, "SIP");

    private PhoneBehaviour Phone(PhoneDocument? phone, string path)
    {
        var defaults = PhoneBehaviour.ManualPhone;
        return phone is null
            ? defaults
            : new PhoneBehaviour
            {
                Mode = Choice(phone.Mode, Child(path, "mode"), Choices.PhoneModes, defaults.Mode),
                AnswerDelay = Distribution(phone.AnswerDelay, Child(path, "answerDelay")) ?? defaults.AnswerDelay,
                AnswerProbability = phone.AnswerProbability ?? defaults.AnswerProbability,
                TalkTime = Distribution(phone.TalkTime, Child(path, "talkTime")),
            };
    }

    /// <summary>A registration as written, or the default one when the document says only that the phone is registered.</summary>
    private Registration? Registration(bool? registered, RegistrationDocument? registration, ExtensionConfig extension, string path)
    {
        if (registered == false && registration is not null)
        {
            _problems.Add(Child(path, "registration"), "conflicts with registered: false");
            return null;
        }

        if (registered != true && registration is null)
        {
            return null;
        }

        var given = registration ?? new RegistrationDocument();
        var host = given.Host ?? RegistrationDefaults.Host;
        var port = given.Port ?? RegistrationDefaults.Port;
        return new Registration(
            host,
            port,
            given.UserAgent ?? RegistrationDefaults.UserAgent,
            given.Contact ?? RegistrationDefaults.Contact(extension.Peer, host, port),
            _now,
            given.LatencyMs ?? 0);
    }

    /// <summary>By number; a number given twice keeps its first registration (the rules refuse the second extension).</summary>
    private static ImmutableDictionary<string, Registration> Registrations(List<MappedExtension> extensions)
    {
        var registrations = ImmutableDictionary.CreateBuilder<string, Registration>(StringComparer.Ordinal);
        foreach (var extension in extensions.Where(e => e.Registration is not null))
        {
            registrations.TryAdd(extension.Config.Number, extension.Registration!);
        }

        return registrations.ToImmutable();
    }
}
