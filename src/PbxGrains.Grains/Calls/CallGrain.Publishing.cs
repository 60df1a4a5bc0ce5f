using Microsoft.Extensions.Logging;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Events;
using PbxGrains.Abstractions.Ids;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Abstractions.Model;
using PbxGrains.Client;
using PbxGrains.Grains.Calls.Flow;
using PbxGrains.Grains.Events;

namespace PbxGrains.Grains.Calls;

/// <summary>
/// Showing the call: its legs to their readers, its picture to its listing shard, its recordings to the store and its
/// changes on the tenant's event feed. The call is the one writer of its legs, so it is the one place that sees each
/// change exactly once and in order.
/// </summary>
public sealed partial class CallGrain
{
    /// <summary>
    /// Sends every changed leg to its readers and the call to its shard. The channel's address is told first and
    /// awaited, then the extension: so a channel that an extension shows can already be found (and commanded) by name,
    /// and when a request returns, what it changed is visible to the next one. Neither reader calls any grain, so
    /// awaiting them cannot close a waiting cycle. The live-call shard and the event hub are told one way (after the
    /// readers have the new pictures, so a client that acts on an event finds the channel): listings may lag a little.
    /// </summary>
    private async Task PublishAsync(CallState call)
    {
        var changed = new List<ChannelSnapshot>();
        foreach (var leg in call.Legs)
        {
            if (!_shown.TryShow(leg.Channel, out var before, out var after))
            {
                continue;
            }

            changed.Add(leg.Channel);
            StoreRecording(leg.Channel);
            metrics.ChannelStateChanged(before, after);
        }

        if (changed.Count > 0)
        {
            await TellReadersAsync(changed.Select(c => GrainFactory.Ref<IChannelGrain>(TenantKey.Of(_tenant, c.Name)).PublishAsync(c)));
            await TellReadersAsync(changed.Where(c => c.EndpointKind == EndpointKind.Extension)
                .Select(c => Extension(c.Endpoint).OnChannelChangedAsync(c, _now)));
        }

        var events = _shown.Announce(call, changed, _now);
        if (events.Length > 0)
        {
            GrainFactory.Ref<ICallEventHubGrain>(CallEventShards.KeyOf(_tenant, call.CallId)).PublishAsync(events).Ignore();
        }

        if (changed.Count > 0 || call.Phase == CallPhase.Ended)
        {
            GrainFactory.Ref<ILiveCallsGrain>(Shards.LiveCallsKey(_tenant, call.CallId)).PublishAsync(call.Snapshot(_shown.NextVersion())).Ignore();
        }
    }

    /// <summary>
    /// Hands a recording to the tenant's recording store once its leg is up, whichever way it started: the extension
    /// records its calls, the originate asked for it, or a command turned it on. One way: the store awaits nothing and
    /// the call never waits for it.
    /// </summary>
    private void StoreRecording(ChannelSnapshot channel)
    {
        if (_shown.NewRecording(channel) is not { } file || RecordingPaths.Split(file) is not { } where)
        {
            return;
        }

        GrainFactory.Ref<IRecordingStoreGrain>(_tenant).AddAsync(new RecordingFile
        {
            CallId = _call.CallId,
            Folder = where.Folder,
            Name = where.Name,
            RecordedAs = file,
            Channel = channel.Name,
            // When the leg came up in the call's time, not when the call got to it.
            Created = _now,
        }).Ignore();
    }

    private async Task TellReadersAsync(IEnumerable<Task> notifications)
    {
        try
        {
            await Task.WhenAll(notifications);
        }
        catch (Exception error)
        {
            // A reader that cannot be reached (its silo is stopping) must not undo the call's transition; it catches
            // up with the next picture.
            logger.LogWarning(error, "Call {Call} of {Tenant} could not publish a change", _call.CallId, _tenant);
        }
    }
}
