using PbxGrains.Client;

namespace PbxGrains.Tests.Cluster.Infrastructure;

/// <summary>Sequence numbers come from leased blocks, the next leased before the current one runs out.</summary>
public sealed class SequenceSourceTests(ClusterFixture fixture) : ClusterTest(fixture)
{
    [Fact]
    public async Task Numbers_are_unique_and_rising_across_blocks_and_two_processes_never_share_one()
    {
        var tenant = NewTenantId();
        var (one, two) = (new SequenceSource(Fixture.Cluster.Client), new SequenceSource(Fixture.Cluster.Client));

        var fromOne = new List<long>();
        var fromTwo = new List<long>();
        for (var i = 0; i < SequenceSource.BlockSize * 2 + 10; i++)
        {
            fromOne.Add(await one.NextAsync(tenant));
            fromTwo.Add(await two.NextAsync(tenant));
        }

        Assert.Equal(fromOne.Order(), fromOne);
        Assert.Equal(fromTwo.Order(), fromTwo);
        Assert.Empty(fromOne.Intersect(fromTwo));
        Assert.Equal(1, fromOne[0]);
    }

    [Fact]
    public async Task The_next_block_is_leased_in_the_background_once_half_of_the_current_one_is_handed_out()
    {
        var tenant = NewTenantId();
        var source = new SequenceSource(Fixture.Cluster.Client);
        var mark = Fixture.Writes.Mark();
        int Leases() => Fixture.Writes.Since(mark, tenant).Count(w => w.StateName == "sequence");

        for (var i = 0; i < SequenceSource.BlockSize / 2; i++)
        {
            await source.NextAsync(tenant);
        }

        Assert.Equal(1, Leases());
        await source.NextAsync(tenant);

        // Nothing waits for it: it is found written a moment later, while the first block still has numbers.
        await Wait.Until(() => Task.FromResult(Leases() == 2), "the second block's lease");
        Assert.Equal(2 + SequenceSource.BlockSize / 2, await source.NextAsync(tenant));
    }
}
