using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Client;

namespace PbxGrains.Tests.Cluster.Infrastructure;

/// <summary>References made from remembered grain types are the references Orleans itself makes.</summary>
public sealed class GrainReferencesTests(ClusterFixture fixture) : ClusterTest(fixture)
{
    [Theory]
    [InlineData("t1/4002")]
    [InlineData("another-tenant/SIP/4002-00000001")]
    public void A_reference_by_key_equals_the_one_Orleans_makes(string key)
    {
        var grains = Fixture.Pbx.Grains;

        Assert.Equal(grains.GetGrain<IExtensionGrain>(key), grains.Ref<IExtensionGrain>(key));
        Assert.Equal(grains.GetGrain<IChannelGrain>(key), grains.Ref<IChannelGrain>(key));
        Assert.Equal(grains.GetGrain<ICallGrain>(key), grains.Ref<ICallGrain>(key));
        Assert.Equal(((GrainReference)(object)grains.GetGrain<ICallGrain>(key)).InterfaceType, ((GrainReference)(object)grains.Ref<ICallGrain>(key)).InterfaceType);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void An_empty_key_is_refused_as_Orleans_refuses_it(string key)
    {
        var grains = Fixture.Pbx.Grains;
        _ = grains.Ref<ICallGrain>("t1/remembered");

        Assert.Throws<ArgumentException>(() => grains.GetGrain<ICallGrain>(key));
        Assert.Throws<ArgumentException>(() => grains.Ref<ICallGrain>(key));
    }

    [Fact]
    public async Task A_remembered_reference_reaches_the_same_grain()
    {
        var tenant = await LoadAsync(Define.Phone("4002"));

        var seen = await Pbx.Grains.Ref<IExtensionGrain>($"{tenant.Id}/4002").GetAsync();

        Assert.True(seen.Exists);
        Assert.Equal("4002", seen.Config.Number);
    }
}
