using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Ids;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Surfaces.Issabel;

/// <summary>
/// A ring group as pbxapi shows and takes it: name → description, strategy, ring_time and extension_list drive the call
/// model; the other fields of the document's <c>fields=*</c> example are kept in the group's settings under their
/// Issabel names. Every scalar is shown as a string, as the real server answers (its answers pass every value through
/// <c>strval</c>); the document's <c>fields=*</c> example shows <c>ring_time</c> and the announcement ids as numbers.
/// </summary>
public static class IssabelRingGroup
{
    public static readonly ImmutableArray<string> AllFields =
    [
        "alert_info", "announce_id", "change_callerid", "cid_name_prefix", "confirm_calls", "destination",
        "destination_if_no_answer", "enable_call_pickup", "extension", "extension_list", "fixed_callerid", "id",
        "ignore_call_forward_settings", "music_on_hold_ringing", "name", "recording", "remote_announce_id", "ring_time",
        "skip_busy_agent", "strategy", "too_late_announce_id",
    ];

    public static readonly ImmutableArray<string> DefaultFields =
        ["change_callerid", "destination", "extension", "extension_list", "fixed_callerid", "id", "name", "strategy"];

    public static readonly ImmutableArray<string> Writable = [.. AllFields, "reload"];

    public static readonly ImmutableDictionary<string, RingGroupStrategy> Strategies = new Dictionary<string, RingGroupStrategy>
    {
        ["ringall"] = RingGroupStrategy.RingAll,
        ["ringall-prim"] = RingGroupStrategy.RingAllPrim,
        ["hunt"] = RingGroupStrategy.Hunt,
        ["hunt-prim"] = RingGroupStrategy.HuntPrim,
        ["memoryhunt"] = RingGroupStrategy.MemoryHunt,
        ["memoryhunt-prim"] = RingGroupStrategy.MemoryHuntPrim,
        ["firstavailable"] = RingGroupStrategy.FirstAvailable,
        ["firstnotonphone"] = RingGroupStrategy.FirstNotOnPhone,
    }.ToImmutableDictionary();

    private static readonly string[] StrategyNames =
        ["ringall", "ringall-prim", "hunt", "hunt-prim", "memoryhunt", "memoryhunt-prim", "firstavailable", "firstnotonphone"];

    private static readonly string[] OnOff = ["on", "off"];

    /// <summary>Stored text fields and their defaults (FreePBX's).</summary>
    private static readonly ImmutableArray<(string Field, string Default)> TextSettings =
    [
        ("alert_info", ""), ("change_callerid", "default"), ("cid_name_prefix", ""), ("confirm_calls", "off"),
        ("destination_if_no_answer", "app-blackhole,hangup,1"), ("enable_call_pickup", "off"), ("fixed_callerid", ""),
        ("ignore_call_forward_settings", "off"), ("music_on_hold_ringing", "Ring"), ("recording", "dontcare"),
        ("skip_busy_agent", "off"),
    ];

    private static readonly ImmutableArray<string> AnnouncementSettings = ["announce_id", "remote_announce_id", "too_late_announce_id"];

    public static JsonObject AsIssabel(this RingGroupConfig config) => new()
    {
        ["alert_info"] = Setting(config, "alert_info"),
        ["announce_id"] = Announcement(config, "announce_id"),
        ["change_callerid"] = Setting(config, "change_callerid"),
        ["cid_name_prefix"] = Setting(config, "cid_name_prefix"),
        ["confirm_calls"] = Setting(config, "confirm_calls"),
        // The group's own place in the dialplan, as the real server's destinations view shows it.
        ["destination"] = $"from-internal,{config.Number},1",
        ["destination_if_no_answer"] = Setting(config, "destination_if_no_answer"),
        ["enable_call_pickup"] = Setting(config, "enable_call_pickup"),
        ["extension"] = config.Number,
        ["extension_list"] = new JsonArray([.. config.Members.Select(m => (JsonNode?)JsonValue.Create(m))]),
        ["fixed_callerid"] = Setting(config, "fixed_callerid"),
        ["id"] = config.Number,
        ["ignore_call_forward_settings"] = Setting(config, "ignore_call_forward_settings"),
        ["music_on_hold_ringing"] = Setting(config, "music_on_hold_ringing"),
        ["name"] = config.Description,
        ["recording"] = Setting(config, "recording"),
        ["remote_announce_id"] = Announcement(config, "remote_announce_id"),
        ["ring_time"] = config.RingTimeSeconds.ToString(CultureInfo.InvariantCulture),
        ["skip_busy_agent"] = Setting(config, "skip_busy_agent"),
        ["strategy"] = Strategies.First(s => s.Value == config.Strategy).Key,
        ["too_late_announce_id"] = Announcement(config, "too_late_announce_id"),
    };

    /// <summary>The configuration after the request's variables; problems are collected and nothing applies with any.</summary>
    public static RingGroupConfig Apply(this RingGroupConfig current, IssabelFields fields, bool creating)
    {
        fields.RejectUnknown(Writable);
        foreach (var field in new[] { "extension", "id" })
        {
            if (fields.Text(field, 20) is { } value && value != current.Number)
            {
                fields.Problem($"{field}: must be {current.Number}, the ring group in the path");
            }
        }

        if (fields.Text("destination", 100) is { } destination && destination != $"from-internal,{current.Number},1")
        {
            fields.Problem("destination: is the ring group's own destination and cannot be set");
        }

        var name = fields.Text("name", 35);
        var strategy = fields.OneOf("strategy", StrategyNames);
        var ringTime = fields.Integer("ring_time", 1, 300);
        var members = fields.Numbers("extension_list", allowHash: true);
        if (creating && !fields.Has("extension_list"))
        {
            fields.Problem("extension_list: is required when a ring group is created");
        }

        var texts = new Dictionary<string, string?>
        {
            ["alert_info"] = fields.Text("alert_info"),
            ["change_callerid"] = fields.OneOf("change_callerid", "default", "fixed", "extern", "did", "forcedid"),
            ["cid_name_prefix"] = fields.Text("cid_name_prefix", 20),
            ["confirm_calls"] = fields.OneOf("confirm_calls", OnOff),
            ["destination_if_no_answer"] = Destination(fields, "destination_if_no_answer"),
            ["enable_call_pickup"] = fields.OneOf("enable_call_pickup", OnOff),
            ["fixed_callerid"] = FixedCallerId(fields),
            ["ignore_call_forward_settings"] = fields.OneOf("ignore_call_forward_settings", OnOff),
            ["music_on_hold_ringing"] = fields.Text("music_on_hold_ringing", 80),
            ["recording"] = fields.OneOf("recording", "always", "dontcare", "never"),
            ["skip_busy_agent"] = fields.OneOf("skip_busy_agent", OnOff),
        };
        foreach (var field in AnnouncementSettings)
        {
            texts[field] = fields.Integer(field, 0, int.MaxValue)?.ToString(CultureInfo.InvariantCulture);
        }

        fields.Flag("reload");
        if (!fields.IsValid)
        {
            return current;
        }

        var settings = current.Settings;
        foreach (var (field, value) in texts)
        {
            if (value is not null)
            {
                settings = settings.SetItem(field, value);
            }
        }

        return current with
        {
            Description = name ?? current.Description,
            Strategy = strategy is null ? current.Strategy : Strategies[strategy],
            RingTimeSeconds = ringTime ?? current.RingTimeSeconds,
            Members = members ?? current.Members,
            Settings = settings,
        };
    }

    private static string? Destination(IssabelFields fields, string name)
    {
        var value = fields.Text(name, 100);
        if (value is not null && value.Split(',') is not [{ Length: > 0 }, { Length: > 0 }, { Length: > 0 }])
        {
            fields.Problem($"{name}: must be a destination 'context,extension,priority'");
            return null;
        }

        return value;
    }

    private static string? FixedCallerId(IssabelFields fields)
    {
        var value = fields.Text("fixed_callerid", 40);
        if (value is { Length: > 0 } && !DialableNumber.IsValid(value.TrimStart('+')))
        {
            fields.Problem("fixed_callerid: must be a phone number or empty");
            return null;
        }

        return value;
    }

    private static string Setting(RingGroupConfig config, string field) =>
        config.Settings.TryGetValue(field, out var value) ? value : TextSettings.First(t => t.Field == field).Default;

    private static string Announcement(RingGroupConfig config, string field) =>
        config.Settings.TryGetValue(field, out var value) && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id.ToString(CultureInfo.InvariantCulture)
            : "0";
}
