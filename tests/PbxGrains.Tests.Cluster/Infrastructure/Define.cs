using System.Collections.Immutable;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Tests.Cluster.Infrastructure;

/// <summary>Small builders for tenant definitions, so each test states only what matters to it.</summary>
public static class Define
{
    public static ExtensionConfig Phone(string number, PhoneMode mode = PhoneMode.Manual) => new()
    {
        Number = number,
        Name = $"User {number}",
        Phone = new PhoneBehaviour { Mode = mode, AnswerDelay = Distribution.Constant(1) },
    };

    /// <summary>A phone that picks up by itself one second after it starts ringing.</summary>
    public static ExtensionConfig AutoAnswer(string number) => Phone(number, PhoneMode.AutoAnswer);

    public static Registration RegistrationOf(string number) =>
        new("10.0.0.1", 5060, "PbxGrains test phone", $"sip:{number}@10.0.0.1:5060", ClusterFixture.Start);

    /// <summary>A tenant with these extensions, every one registered unless it is listed in <paramref name="unregistered"/>.</summary>
    public static TenantDefinition Tenant(string id, IEnumerable<ExtensionConfig> extensions, params string[] unregistered)
    {
        var all = extensions.ToImmutableArray();
        return new TenantDefinition
        {
            Id = id,
            Extensions = all,
            Registrations = all.Where(e => !unregistered.Contains(e.Number))
                .ToImmutableDictionary(e => e.Number, e => RegistrationOf(e.Number)),
        };
    }

    public static QueueConfig Queue(string name, string number, QueueStrategy strategy, params QueueMemberConfig[] members) => new()
    {
        Name = name,
        Number = number,
        Strategy = strategy,
        Members = [.. members],
        RetrySeconds = 1,
    };

    public static QueueMemberConfig Member(string extension, int penalty = 0, bool paused = false) =>
        new() { Extension = extension, Penalty = penalty, Paused = paused };
}
