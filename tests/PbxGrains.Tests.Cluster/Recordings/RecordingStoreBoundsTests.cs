using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Tests.Cluster.Infrastructure;

namespace PbxGrains.Tests.Cluster.Recordings;

/// <summary>The recording store keeps the newest files only, exactly its bound, and its index outlives a deactivation.</summary>
public sealed class RecordingStoreBoundsTests(ClusterFixture fixture) : ClusterTest(fixture)
{
    private static RecordingFile File(int sequence, DateTimeOffset created) => new()
    {
        CallId = $"1700000000.{sequence}",
        Folder = "/tmp/bounds",
        Name = $"call-{sequence}.wav",
        RecordedAs = $"/tmp/bounds/call-{sequence}.wav",
        Created = created,
    };

    [Fact]
    public async Task Past_the_bound_the_oldest_file_goes_and_lookups_work_again_after_reactivation()
    {
        var store = Pbx.Recordings(NewTenantId());
        var start = Time.GetUtcNow();
        const int added = ClusterFixture.MaxRecordingsPerTenant + 2;
        for (var i = 1; i <= added; i++)
        {
            await AddAsync(store, File(i, start.AddMinutes(i)));
        }

        // A second message about a file already kept changes nothing.
        await store.AddAsync(File(added, start));

        string[] newest = [.. Enumerable.Range(added - ClusterFixture.MaxRecordingsPerTenant + 1, ClusterFixture.MaxRecordingsPerTenant)
            .Select(i => $"/tmp/bounds/call-{i}.wav").Order(StringComparer.Ordinal)];
        Assert.Equal(newest, (await store.ListAsync()).Select(f => f.Path));
        Assert.Empty(await store.FindByCallAsync("1700000000.1"));
        Assert.Empty(await store.FindBySequenceAsync(2));
        Assert.Equal(start.AddMinutes(added), Assert.Single(await store.FindBySequenceAsync(added)).Created);

        await Fixture.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero, TestContext.Current.CancellationToken);

        var moved = await store.MoveAsync("1700000000.5", "/tmp/bounds/call-5.wav", "/mnt/kept", null);
        Assert.True(moved.IsOk);
        Assert.Equal("/mnt/kept/call-5.wav", Assert.Single(await store.FindBySequenceAsync(5)).Path);
        Assert.Equal(start.AddMinutes(5), Assert.Single(await store.FindByCallAsync("1700000000.5")).Created);
    }

    [Fact]
    public async Task Files_deleted_among_the_oldest_leave_room_and_the_bound_then_takes_the_oldest_that_remain()
    {
        var store = Pbx.Recordings(NewTenantId());
        var start = Time.GetUtcNow();
        const int max = ClusterFixture.MaxRecordingsPerTenant;
        for (var i = 1; i <= max; i++)
        {
            await AddAsync(store, File(i, start.AddMinutes(i)));
        }

        // Two of the oldest go by hand (one in the first sealed segment, one further on): two new files fit.
        Assert.True((await store.DeleteAsync("/tmp/bounds/call-2.wav")).IsOk);
        Assert.True((await store.DeleteAsync($"/tmp/bounds/call-{ClusterFixture.RecordingSegmentSize + 3}.wav")).IsOk);
        Assert.Equal(PbxGrains.Abstractions.Model.DomainError.RecordingNotFound, (await store.DeleteAsync("/tmp/bounds/call-2.wav")).Error);
        await AddAsync(store, File(max + 1, start.AddMinutes(max + 1)));
        await AddAsync(store, File(max + 2, start.AddMinutes(max + 2)));
        Assert.Equal(max, (await store.ListAsync()).Length);
        Assert.NotEmpty(await store.FindBySequenceAsync(1));

        // The next ones take the oldest that remain, skipping the gaps.
        await AddAsync(store, File(max + 3, start.AddMinutes(max + 3)));
        await AddAsync(store, File(max + 4, start.AddMinutes(max + 4)));
        var kept = await store.ListAsync();
        Assert.Equal(max, kept.Length);
        Assert.DoesNotContain(kept, f => f.Name is "call-1.wav" or "call-2.wav" or "call-3.wav");
        Assert.Contains(kept, f => f.Name == "call-4.wav");
    }

    /// <summary>Adds a file and waits until the store has it: adds are one way.</summary>
    private static async Task AddAsync(IRecordingStoreGrain store, RecordingFile file)
    {
        await store.AddAsync(file);
        await Wait.Until(async () => !(await store.FindByCallAsync(file.CallId)).IsEmpty, $"file {file.Path}");
    }
}
