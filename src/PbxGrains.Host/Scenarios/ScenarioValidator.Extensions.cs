using System.Collections.Immutable;
using System.Globalization;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Host.Scenarios.Documents;
using PbxGrains.Host.Scenarios.Reading;

namespace PbxGrains.Host.Scenarios;

/// <summary>The extensions section and the extension groups that expand into extensions.</summary>
public sealed partial class ScenarioValidator
{
    /// <summary>More would make one document a load test of its own; traffic is the tool for that.</summary>
    private const int MaxGroupSize = 10_000;

    /// <summary>The whole tenant, listed extensions and groups together: its load must finish within one grain call.</summary>
    private const int MaxTenantExtensions = MaxGroupSize;

    internal const string DefaultRegistrationHost = "127.0.0.1";
    internal const int DefaultRegistrationPort = 5060;
    internal const string DefaultUserAgent = "PbxGrains SimPhone";

    private sealed record class ValidExtension(ExtensionConfig Config, Registration? Registration, string Path);

    private List<ValidExtension> Extensions(List<ExtensionDocument>? extensions, List<ExtensionGroupDocument>? groups)
    {
        var result = new List<ValidExtension>();
        if (extensions?.Count > MaxTenantExtensions)
        {
            _errors.Add("extensions", $"holds more than {MaxTenantExtensions} extensions");
            return result;
        }

        for (var i = 0; i < (extensions?.Count ?? 0); i++)
        {
            if (Extension(extensions![i], ScenarioErrors.Item("extensions", i)) is { } valid)
            {
                result.Add(valid);
            }
        }

        for (var i = 0; i < (groups?.Count ?? 0); i++)
        {
            var path = ScenarioErrors.Item("extensionGroups", i);
            if (groups![i] is { From: { } from, To: { } to } && to >= from && result.Count + ((long)to - from + 1) > MaxTenantExtensions)
            {
                // Checked before expanding: many groups of the largest size would otherwise fill memory, and a tenant
                // that large cannot be loaded within the call model's response timeout.
                _errors.Add(path, $"takes the tenant past {MaxTenantExtensions} extensions");
                break;
            }

            result.AddRange(ExtensionGroup(groups[i], path));
        }

        CheckUnique(result, e => e.Config.Number, "number", "number");
        // A duplicate number also duplicates the device; one error for one mistake.
        CheckUnique(result, e => _errors.Has(ScenarioErrors.Child(e.Path, "number")) ? null : e.Config.Device, "sipUser", "device");
        CheckUnique(result, e => e.Config.DatabaseId?.ToString(CultureInfo.InvariantCulture), "id", "id");
        var devices = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var extension in result)
        {
            foreach (var device in extension.Config.DeviceIds)
            {
                if (!devices.TryAdd(device, extension.Path))
                {
                    _errors.Add(ScenarioErrors.Child(extension.Path, "devices"), $"device '{device}' is already attached to {devices[device]}");
                }
            }
        }

        return result;
    }

    private ValidExtension? Extension(ExtensionDocument document, string path)
    {
        var number = DialNumber(document.Number, ScenarioErrors.Child(path, "number"));
        var sipUser = Identifier(document.SipUser, ScenarioErrors.Child(path, "sipUser"), 64, required: false);
        var publicNumber = document.PublicNumber is { } did && DialNumber(did.TrimStart('+'), ScenarioErrors.Child(path, "publicNumber")) is not null
            ? did
            : null;
        // A caller id number is presented, never dialled here, so it may carry a leading '+' like a public number.
        var callerIdNumber = document.CallerIdNumber is { } clid && DialNumber(clid.StartsWith('+') ? clid[1..] : clid, ScenarioErrors.Child(path, "callerIdNumber")) is not null
            ? clid
            : null;
        if (document.Devices?.Any(string.IsNullOrWhiteSpace) == true)
        {
            _errors.Add(ScenarioErrors.Child(path, "devices"), "must not hold empty device ids");
        }

        var config = new ExtensionConfig
        {
            Number = number ?? "",
            Name = document.Name ?? "",
            CallerIdNumber = callerIdNumber,
            Tech = Tech(document.Tech, ScenarioErrors.Child(path, "tech")),
            Secret = document.Secret ?? "",
            PublicNumber = publicNumber,
            SipUser = sipUser,
            Dialplan = document.Dialplan ?? "default",
            Profile = document.Profile,
            Status = document.Status,
            ProfileParameters = Map(document.ProfileParameters),
            Pincode = document.Pincode,
            DatabaseId = document.Id is { } id ? Whole(id, ScenarioErrors.Child(path, "id"), 0, 0, int.MaxValue) : null,
            RingTimerSeconds = Whole(document.RingTimer, ScenarioErrors.Child(path, "ringTimer"), 30, 1, 600),
            AccountCode = document.AccountCode,
            RecordCalls = document.RecordCalls ?? false,
            DeviceIds = [.. document.Devices ?? []],
            Voicemail = document.Voicemail ?? false,
            Settings = Map(document.Settings),
            Phone = Phone(document.Phone, ScenarioErrors.Child(path, "phone")),
        };

        var registration = Registration(document.Registered, document.Registration, config, path);
        return number is null ? null : new ValidExtension(config, registration, path);
    }

    private IEnumerable<ValidExtension> ExtensionGroup(ExtensionGroupDocument group, string path)
    {
        if (group.From is null || group.To is null)
        {
            _errors.Add(ScenarioErrors.Child(path, group.From is null ? "from" : "to"), "is required");
            return [];
        }

        if (group.From < 0 || group.To < group.From)
        {
            _errors.Add(ScenarioErrors.Child(path, "to"), "must not be below from (and from not below 0)");
            return [];
        }

        if (!IsDialable(group.To.Value.ToString(CultureInfo.InvariantCulture)))
        {
            _errors.Add(ScenarioErrors.Child(path, "to"), "makes numbers longer than 20 digits");
            return [];
        }

        if (group.To - group.From >= MaxGroupSize)
        {
            _errors.Add(path, $"holds more than {MaxGroupSize} extensions");
            return [];
        }

        var pattern = group.NamePattern ?? "Extension {n}";
        var template = new ExtensionConfig
        {
            Number = "",
            Tech = Tech(group.Tech, ScenarioErrors.Child(path, "tech")),
            Dialplan = group.Dialplan ?? "default",
            Profile = group.Profile,
            RingTimerSeconds = Whole(group.RingTimer, ScenarioErrors.Child(path, "ringTimer"), 30, 1, 600),
            AccountCode = group.AccountCode,
            RecordCalls = group.RecordCalls ?? false,
            Voicemail = group.Voicemail ?? false,
            Settings = Map(group.Settings),
            Phone = Phone(group.Phone, ScenarioErrors.Child(path, "phone")),
        };

        var result = new List<ValidExtension>();
        for (var n = group.From.Value; n <= group.To.Value; n++)
        {
            var number = n.ToString(CultureInfo.InvariantCulture);
            var config = template with { Number = number, Name = pattern.Replace("{n}", number, StringComparison.Ordinal) };
            result.Add(new ValidExtension(config, Registration(group.Registered, group.Registration, config, path), path));
        }

        return result;
    }

    private string Tech(string? tech, string path) => Choice(tech, path, Choices.Techs, "SIP");

    private PhoneBehaviour Phone(PhoneDocument? phone, string path)
    {
        if (phone is null)
        {
            return PhoneBehaviour.ManualPhone;
        }

        var defaults = PhoneBehaviour.ManualPhone;
        var behaviour = new PhoneBehaviour
        {
            Mode = Choice(phone.Mode, ScenarioErrors.Child(path, "mode"), Choices.PhoneModes, defaults.Mode),
            AnswerDelay = Distribution(phone.AnswerDelay, ScenarioErrors.Child(path, "answerDelay")) ?? defaults.AnswerDelay,
            AnswerProbability = Probability(phone.AnswerProbability, ScenarioErrors.Child(path, "answerProbability")),
            TalkTime = Distribution(phone.TalkTime, ScenarioErrors.Child(path, "talkTime")),
        };

        // The field checks above report with precise paths; this catches whatever the contract adds later.
        if (behaviour.Validate() is { } problem)
        {
            _errors.Add(path, problem);
        }

        return behaviour;
    }

    private Registration? Registration(bool? registered, RegistrationDocument? registration, ExtensionConfig extension, string path)
    {
        if (registered == false && registration is not null)
        {
            _errors.Add(ScenarioErrors.Child(path, "registration"), "conflicts with registered: false");
            return null;
        }

        if (registered != true && registration is null)
        {
            return null;
        }

        var given = registration ?? new RegistrationDocument();
        var registrationPath = ScenarioErrors.Child(path, "registration");
        var host = given.Host ?? DefaultRegistrationHost;
        if (host.Length == 0 || host.Any(char.IsWhiteSpace))
        {
            _errors.Add(ScenarioErrors.Child(registrationPath, "host"), "must be a host name or address");
        }

        var port = Whole(given.Port, ScenarioErrors.Child(registrationPath, "port"), DefaultRegistrationPort, 1, 65535);
        return new Registration(
            host,
            port,
            given.UserAgent ?? DefaultUserAgent,
            given.Contact ?? DefaultContact(extension.Peer, host, port),
            _now,
            Whole(given.LatencyMs, ScenarioErrors.Child(registrationPath, "latencyMs"), 0, 0, 60_000));
    }

    internal static string DefaultContact(string peer, string host, int port) =>
        string.Create(CultureInfo.InvariantCulture, $"sip:{peer}@{host}:{port}");

    private void CheckUnique(List<ValidExtension> extensions, Func<ValidExtension, string?> key, string field, string what)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var extension in extensions)
        {
            if (key(extension) is not { } value)
            {
                continue;
            }

            if (!seen.TryAdd(value, extension.Path))
            {
                var fieldPath = extension.Path.StartsWith("extensionGroups", StringComparison.Ordinal)
                    ? extension.Path
                    : ScenarioErrors.Child(extension.Path, field);
                _errors.Add(fieldPath, $"{what} '{value}' is already used by {seen[value]}");
            }
        }
    }
}
