using PbxGrains.Abstractions.Contracts;
using PbxGrains.Tests.Cluster.Infrastructure;

namespace PbxGrains.Tests.Cluster.Recordings;

/// <summary>The recording store keeps the newest files only, and its index outlives a deactivation.</summary>
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
            await store.AddAsync(File(i, start.AddMinutes(i)));

            // One way: wait until this file is in before the next, so the order of creation is the order of arrival.
            await Wait.Until(async () => !(await store.FindBySequenceAsync(i)).IsEmpty, $"file {i}");
        }

        // A second message about a file already kept changes nothing.
        await store.AddAsync(File(added, start));

        string[] newest = [.. Enumerable.Range(added - ClusterFixture.MaxRecordingsPerTenant + 1, ClusterFixture.MaxRecordingsPerTenant)
            .Select(i => $"/tmp/bounds/call-{i}.wav").Order(StringComparer.Ordinal)];
        Assert.Equal(newest, (await store.ListAsync()).Select(f => f.Path));
        Assert.Empty(await store.FindByCallAsync("1700000000.1"));
        Assert.Empty(await store.FindBySequenceAsync(2));

        await Fixture.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero, TestContext.Current.CancellationToken);

        var moved = await store.MoveAsync("1700000000.5", "/tmp/bounds/call-5.wav", "/mnt/kept", null);
        Assert.True(moved.IsOk);
        Assert.Equal("/mnt/kept/call-5.wav", Assert.Single(await store.FindBySequenceAsync(5)).Path);
        Assert.Equal(start.AddMinutes(5), Assert.Single(await store.FindByCallAsync("1700000000.5")).Created);
    }
}
