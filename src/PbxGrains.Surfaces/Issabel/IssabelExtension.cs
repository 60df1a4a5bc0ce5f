using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using PbxGrains.Abstractions.Contracts;

namespace PbxGrains.Surfaces.Issabel;

/// <summary>
/// An extension as pbxapi shows and takes it. Fields with a meaning in the call model map onto it (name, secret, tech,
/// ringtimer → ring timer, voicemail → voicemail box, recording_* → record calls, accountcode); the rest are kept in the
/// extension's settings under their Issabel names and shown as stored, as strings.
/// </summary>
public static class IssabelExtension
{
    public static readonly ImmutableArray<string> AllFields =
    [
        "accountcode", "callwaiting", "dial", "emergency_cid", "extension", "name", "outboundcid",
        "recording_in_external", "recording_in_internal", "recording_ondemand", "recording_out_external",
        "recording_out_internal", "recording_priority", "ringtimer", "secret", "tech", "voicemail",
    ];

    public static readonly ImmutableArray<string> DefaultFields = ["dial", "extension", "name", "secret", "tech"];

    public static readonly ImmutableArray<string> RecordingFields =
        ["recording_in_external", "recording_in_internal", "recording_out_external", "recording_out_internal"];

    /// <summary>Fields a client may send; <c>extension</c> and <c>dial</c> are read-only but accepted when they agree.</summary>
    public static readonly ImmutableArray<string> Writable = [.. AllFields, "reload"];

    private static readonly string[] RecordingModes = ["always", "dontcare", "never"];

    private static readonly ImmutableDictionary<string, string> Techs =
        new Dictionary<string, string> { ["sip"] = "SIP", ["pjsip"] = "PJSIP", ["iax2"] = "IAX2" }.ToImmutableDictionary();

    /// <summary>Every field, in order; <see cref="FieldSelection"/> picks from it.</summary>
    public static JsonObject AsIssabel(this ExtensionConfig config) => new()
    {
        ["accountcode"] = config.AccountCode ?? "",
        ["callwaiting"] = Setting(config, "callwaiting", "enabled"),
        ["dial"] = config.Device,
        ["emergency_cid"] = Setting(config, "emergency_cid", ""),
        ["extension"] = config.Number,
        ["name"] = config.Name,
        ["outboundcid"] = Setting(config, "outboundcid", ""),
        ["recording_in_external"] = Recording(config, "recording_in_external"),
        ["recording_in_internal"] = Recording(config, "recording_in_internal"),
        ["recording_ondemand"] = Setting(config, "recording_ondemand", "disabled"),
        ["recording_out_external"] = Recording(config, "recording_out_external"),
        ["recording_out_internal"] = Recording(config, "recording_out_internal"),
        ["recording_priority"] = Setting(config, "recording_priority", "10"),
        ["ringtimer"] = Setting(config, "ringtimer", config.RingTimerSeconds.ToString(CultureInfo.InvariantCulture)),
        ["secret"] = config.Secret,
        ["tech"] = config.Tech.ToLowerInvariant(),
        ["voicemail"] = config.Voicemail ? "default" : "novm",
    };

    /// <summary>A new extension's starting point: FreePBX gives one without a secret a random 32-hex-digit one.</summary>
    public static ExtensionConfig New(string number) => new()
    {
        Number = number,
        Secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
    };

    /// <summary>
    /// The configuration after the request's variables are applied to <paramref name="current"/>; problems are collected
    /// in <paramref name="fields"/> and nothing is applied when there are any.
    /// </summary>
    public static ExtensionConfig Apply(this ExtensionConfig current, IssabelFields fields)
    {
        fields.RejectUnknown(Writable);
        if (fields.Text("extension", 20) is { } extension && extension != current.Number)
        {
            fields.Problem($"extension: must be {current.Number}, the extension in the path");
        }

        var name = fields.Text("name", 50);
        var secret = fields.Text("secret", 100);
        var tech = fields.OneOf("tech", [.. Techs.Keys.Order(StringComparer.Ordinal)]);
        if (fields.Text("dial", 100) is { } dial && dial != $"{(tech is null ? current.Tech : Techs[tech])}/{current.Peer}")
        {
            fields.Problem("dial: is derived from tech and extension and cannot be set");
        }

        var ringtimer = fields.Integer("ringtimer", 0, 600);
        var voicemail = fields.OneOf("voicemail", "novm", "default");
        var recordings = RecordingFields.ToDictionary(f => f, f => fields.OneOf(f, RecordingModes));
        var onDemand = fields.OneOf("recording_ondemand", "disabled", "enabled");
        var priority = fields.Integer("recording_priority", 0, 20);
        var callWaiting = fields.OneOf("callwaiting", "enabled", "disabled");
        var outboundCid = fields.Text("outboundcid", 100);
        var emergencyCid = fields.Text("emergency_cid", 40);
        var accountCode = fields.Text("accountcode", 80);
        fields.Flag("reload");
        if (!fields.IsValid)
        {
            return current;
        }

        var settings = current.Settings;
        // The four recording modes are kept as given; the call model's one switch is on when any of them says always.
        foreach (var field in RecordingFields)
        {
            settings = settings.SetItem(field, recordings[field] ?? Recording(current, field));
        }

        settings = Set(settings, "recording_ondemand", onDemand);
        settings = Set(settings, "recording_priority", priority?.ToString(CultureInfo.InvariantCulture));
        settings = Set(settings, "callwaiting", callWaiting);
        settings = Set(settings, "outboundcid", outboundCid);
        settings = Set(settings, "emergency_cid", emergencyCid);
        // ringtimer 0 is FreePBX's "use the default": kept as 0 for the client, the default for the call model.
        settings = Set(settings, "ringtimer", ringtimer?.ToString(CultureInfo.InvariantCulture));

        return current with
        {
            Name = name ?? current.Name,
            Secret = secret ?? current.Secret,
            Tech = tech is null ? current.Tech : Techs[tech],
            RingTimerSeconds = ringtimer is { } seconds ? (seconds == 0 ? 30 : seconds) : current.RingTimerSeconds,
            Voicemail = voicemail is null ? current.Voicemail : voicemail == "default",
            RecordCalls = RecordingFields.Any(f => settings[f] == "always"),
            AccountCode = accountCode ?? current.AccountCode,
            Settings = settings,
        };
    }

    private static string Recording(ExtensionConfig config, string field) =>
        Setting(config, field, config.RecordCalls ? "always" : "dontcare");

    private static string Setting(ExtensionConfig config, string key, string fallback) =>
        config.Settings.TryGetValue(key, out var value) ? value : fallback;

    private static ImmutableDictionary<string, string> Set(ImmutableDictionary<string, string> settings, string key, string? value) =>
        value is null ? settings : settings.SetItem(key, value);
}
