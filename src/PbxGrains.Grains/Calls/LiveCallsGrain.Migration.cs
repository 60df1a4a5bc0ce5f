using System.Collections.Immutable;
using PbxGrains.Abstractions.Contracts;

namespace PbxGrains.Grains.Calls;

/// <summary>A listing shard that moves to another silo (its silo stops gracefully) takes its calls and the ids of those that ended lately.</summary>
public sealed partial class LiveCallsGrain
{
    private const string MigrationKey = "pbx.live-calls";

    protected override void Dehydrate(IDehydrationContext context) =>
        context.TryAddValue(MigrationKey, new LiveCallsImage([.. _calls.Values], [.. _ended.Oldest]));

    protected override void Rehydrate(IRehydrationContext context)
    {
        if (!context.TryGetValue<LiveCallsImage>(MigrationKey, out var image) || image is null)
        {
            return;
        }

        foreach (var call in image.Calls)
        {
            _calls[call.CallId] = call;
        }

        foreach (var ended in image.Ended)
        {
            _ended.Add(ended);
        }

        _listing = null;
        KeepAliveWhile(_calls.Count > 0);
    }
}

/// <summary>A listing shard as it moves to another silo.</summary>
[GenerateSerializer, Immutable, Alias("pbx.live-calls-image")]
internal sealed record class LiveCallsImage(
    [property: Id(0)] ImmutableArray<CallSnapshot> Calls,
    [property: Id(1)] ImmutableArray<string> Ended);
