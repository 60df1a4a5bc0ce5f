using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Ids;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Surfaces.Issabel;

/// <summary>
/// A queue as the real server's <c>/pbxapi/queues</c> shows it, over the call model's queue: keyed by the number that
/// dials it. The document does not describe this resource; its scalars are strings, as newer builds answer.
/// </summary>
public static class IssabelQueue
{
    public static readonly ImmutableArray<string> AllFields =
        ["agent_timeout", "extension", "max_callers", "name", "retry", "service_level", "static_members", "strategy", "wrapup_time"];

    public static readonly ImmutableArray<string> DefaultFields = ["extension", "name", "strategy"];

    public static readonly ImmutableArray<string> Writable = [.. AllFields, "reload"];

    private static readonly string[] StrategyNames = [.. QueueStrategyNames.Asterisk];

    /// <summary>The number a queue is addressed by: its dial number, else its name.</summary>
    public static string Key(this QueueConfig config) => config.Number is { Length: > 0 } number ? number : config.Name;

    public static JsonObject AsIssabel(this QueueConfig config) => new()
    {
        ["agent_timeout"] = Text(config.MemberTimeoutSeconds),
        ["extension"] = config.Key(),
        ["max_callers"] = Text(config.MaxCallers),
        ["name"] = config.DisplayName.Length > 0 ? config.DisplayName : config.Name,
        ["retry"] = Text(config.RetrySeconds),
        ["service_level"] = Text(config.ServiceLevelSeconds),
        ["static_members"] = new JsonArray([.. config.Members.Select(m => (JsonNode?)JsonValue.Create($"{m.Extension},{Text(m.Penalty)}"))]),
        ["strategy"] = config.Strategy.AsteriskName(),
        ["wrapup_time"] = Text(config.WrapUpSeconds),
    };

    public static QueueConfig Apply(this QueueConfig current, IssabelFields fields)
    {
        fields.RejectUnknown(Writable);
        if (fields.Text("extension", 20) is { } extension && extension != current.Key())
        {
            fields.Problem($"extension: must be {current.Key()}, the queue in the path");
        }

        var name = fields.Text("name", 35);
        var strategy = fields.OneOf("strategy", StrategyNames);
        var timeout = fields.Integer("agent_timeout", 1, 600);
        var maxCallers = fields.Integer("max_callers", 0, 10000);
        var retry = fields.Integer("retry", 0, 600);
        var serviceLevel = fields.Integer("service_level", 1, 3600);
        var wrapUp = fields.Integer("wrapup_time", 0, 3600);
        var members = Members(fields);
        fields.Flag("reload");
        if (!fields.IsValid)
        {
            return current;
        }

        return current with
        {
            DisplayName = name ?? current.DisplayName,
            Strategy = strategy is null ? current.Strategy : QueueStrategyNames.FromAsteriskName(strategy)!.Value,
            MemberTimeoutSeconds = timeout ?? current.MemberTimeoutSeconds,
            MaxCallers = maxCallers ?? current.MaxCallers,
            RetrySeconds = retry ?? current.RetrySeconds,
            ServiceLevelSeconds = serviceLevel ?? current.ServiceLevelSeconds,
            WrapUpSeconds = wrapUp ?? current.WrapUpSeconds,
            Members = members ?? current.Members,
        };
    }

    /// <summary>static_members: an array of "extension" or "extension,penalty" (FreePBX's member lines).</summary>
    private static ImmutableArray<QueueMemberConfig>? Members(IssabelFields fields)
    {
        if (!fields.Has("static_members"))
        {
            return null;
        }

        var lines = fields.Lines("static_members");
        var members = ImmutableArray.CreateBuilder<QueueMemberConfig>();
        foreach (var line in lines ?? [])
        {
            var parts = line.Split(',', StringSplitOptions.TrimEntries);
            if (parts.Length is < 1 or > 2 || !DialableNumber.IsValid(parts[0]) ||
                (parts.Length == 2 && !(int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p <= 100)))
            {
                fields.Problem("static_members: each member must be 'extension' or 'extension,penalty' (penalty 0 to 100)");
                return null;
            }

            members.Add(new QueueMemberConfig
            {
                Extension = parts[0],
                Penalty = parts.Length == 2 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : 0,
            });
        }

        if (lines is null)
        {
            fields.Problem("static_members: must be an array of strings");
            return null;
        }

        return members.ToImmutable();
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
