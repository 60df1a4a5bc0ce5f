using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Ids;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Abstractions.Model;
using PbxGrains.Grains.Recordings;
using PbxGrains.Tests.Cluster.Infrastructure;

namespace PbxGrains.Tests.Cluster.Tenancy;

/// <summary>A deleted tenant leaves nothing behind in the stores that accumulate: a new tenant of the same id starts empty.</summary>
public sealed class TenantDeletionTests(ClusterFixture fixture) : ClusterTest(fixture)
{
    [Fact]
    public async Task A_deleted_tenants_cdrs_and_recordings_do_not_come_back_for_a_new_tenant_of_the_same_id()
    {
        var tenant = await LoadAsync(Define.Phone("1000") with { RecordCalls = true }, Define.Phone("1001"));
        var id = tenant.Id;
        var (callId, caller, _) = await tenant.ConnectAsync("1000", "1001");
        await tenant.HangupAsync(caller);
        await tenant.CdrAsync(callId);
        var store = Pbx.Recordings(id);
        await Wait.Until(async () => !(await store.FindByCallAsync(callId)).IsEmpty, "the call's recording");

        // More of both, written the way calls write them, so both stores have sealed segments too.
        var today = DateOnly.FromDateTime(Time.GetUtcNow().UtcDateTime);
        var dayStart = new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        for (var i = 1; i <= 40; i++)
        {
            var record = new CdrRecord { UniqueId = UniqueId.Format(dayStart.AddSeconds(i * 7), 100_000 + i), Start = dayStart.AddSeconds(i * 7), End = dayStart.AddSeconds(i * 7 + 30) };
            await Pbx.Grains.GetGrain<ICdrLogGrain>(Shards.CdrKey(id, today, record.UniqueId)).AppendAsync(record);
        }

        for (var i = 1; i <= 20; i++)
        {
            await AddAsync(store, Recording($"{dayStart.ToUnixTimeSeconds()}.{200_000 + i}", $"/mnt/rec/{i % 3}", $"r{i}.wav", dayStart.AddMinutes(i)));
        }

        Assert.Equal(41, (await Pbx.CountCdrsAsync(id, today)).Stored);
        TestTenant.Ok(await Pbx.DeleteTenantAsync(id), "delete the tenant");

        var again = await LoadAsync(Define.Tenant(id, [Define.Phone("1000"), Define.Phone("1001")]));
        var sequence = UniqueId.Parse(callId)!.Value.Sequence;
        Assert.Empty(await again.CdrsAsync());
        Assert.Equal(0, (await Pbx.CountCdrsAsync(id, today)).Stored);
        Assert.Null(await Pbx.FindCdrAsync(id, callId));
        Assert.Null(await Pbx.FindCdrBySequenceAsync(id, sequence, today, days: 1));
        Assert.Null(await Pbx.FindCdrAsync(id, UniqueId.Format(dayStart.AddSeconds(7), 100_001)));
        Assert.Empty(await store.ListAsync());
        Assert.Empty(await store.FindByCallAsync(callId));
        Assert.Empty(await store.FindBySequenceAsync(sequence));
        Assert.Empty(await store.FindBySequenceAsync(200_001));
        Assert.False(await store.FolderExistsAsync("/mnt/rec"));
        Assert.False(await store.FolderExistsAsync("/mnt/rec/1"));

        // The new tenant's first call and recording are kept, also once the old ones have left storage.
        var (newCall, newCaller, _) = await again.ConnectAsync("1000", "1001");
        await again.HangupAsync(newCaller);
        await again.CdrAsync(newCall);
        await AddAsync(store, Recording(newCall, "/mnt/rec/1", "r1.wav", Time.GetUtcNow()));

        var oldFolderBucket = Pbx.Grains.GetGrain<IRecordingTreeGrain>(RecordingKeys.Tree(id, 0, RecordingKeys.TreeBucketOf("/mnt/rec", new RecordingStoreOptions { MaxFilesPerTenant = ClusterFixture.MaxRecordingsPerTenant }.TreeBuckets)));
        await Wait.Until(async () =>
        {
            var oldCdrSegments = await Task.WhenAll(Shards.AllCdrKeys(id, today)
                .Select(k => Pbx.Grains.GetGrain<ICdrSegmentGrain>(Shards.CdrSegmentKey(k, 0)).ReadAsync()));
            var oldRecordings = await Pbx.Grains.GetGrain<IRecordingSegmentGrain>(RecordingKeys.Segment(id, 0, 0)).ReadAsync();
            return oldCdrSegments.All(s => s.IsEmpty) && oldRecordings.IsEmpty && !(await oldFolderBucket.FindAsync("/mnt/rec")).Folder;
        }, "the deleted tenant's segments and folders to leave storage");

        Assert.Equal(newCall, Assert.Single(await again.CdrsAsync()).UniqueId);
        Assert.Equal("/mnt/rec/1/r1.wav", Assert.Single(await store.ListAsync()).Path);
        Assert.True(await store.FolderExistsAsync("/mnt/rec"));
    }

    private static RecordingFile Recording(string callId, string folder, string name, DateTimeOffset created) => new()
    {
        CallId = callId,
        Folder = folder,
        Name = name,
        RecordedAs = RecordingPaths.Combine(folder, name),
        Created = created,
    };

    private static async Task AddAsync(IRecordingStoreGrain store, RecordingFile file)
    {
        await store.AddAsync(file);
        await Wait.Until(async () => (await store.FindByCallAsync(file.CallId)).Any(f => f.RecordedAs == file.RecordedAs), $"file {file.Path}");
    }
}
