using System.Collections.Immutable;
using PbxGrains.Abstractions.Contracts;

namespace PbxGrains.Grains.Catalogue;

/// <summary>
/// An extension that moves to another silo (its silo stops gracefully) takes its transient part: the mirror of its live
/// channels (so its device state does not change, and no event says it did), the names of channels that ended lately
/// (a late picture must still not bring one back), its view's version, and the queues waiting for it to be free.
/// </summary>
public sealed partial class ExtensionGrain
{
    private const string MigrationKey = "pbx.extension";

    protected override void Dehydrate(IDehydrationContext context) =>
        context.TryAddValue(MigrationKey, new ExtensionImage([.. _channels.Values], [.. _ended.Oldest], _version, [.. _waitingQueues]));

    protected override void Rehydrate(IRehydrationContext context)
    {
        if (!context.TryGetValue<ExtensionImage>(MigrationKey, out var image) || image is null)
        {
            return;
        }

        foreach (var channel in image.Channels)
        {
            _channels[channel.Name] = channel;
        }

        foreach (var ended in image.Ended)
        {
            _ended.Add(ended);
        }

        _version = image.Version;
        _waitingQueues.UnionWith(image.WaitingQueues);
    }
}

/// <summary>An extension's transient part as it moves to another silo.</summary>
[GenerateSerializer, Immutable, Alias("pbx.extension-image")]
internal sealed record class ExtensionImage(
    [property: Id(0)] ImmutableArray<ChannelSnapshot> Channels,
    [property: Id(1)] ImmutableArray<string> Ended,
    [property: Id(2)] long Version,
    [property: Id(3)] ImmutableArray<string> WaitingQueues);
