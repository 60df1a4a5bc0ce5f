using PbxGrains.Abstractions.Ids;
using StableHash = PbxGrains.Abstractions.Ids.StableHash;

namespace PbxGrains.Tests.Unit;

public sealed class IdsTests
{
    [Fact]
    public void A_tenant_key_joins_tenant_and_name_with_a_slash()
    {
        Assert.Equal("acme/4001", TenantKey.Of("acme", "4001"));
    }

    [Fact]
    public void Splitting_a_key_keeps_the_slashes_of_the_name()
    {
        var key = TenantKey.Of("acme", "SIP/4003-0000b704");

        Assert.Equal(("acme", "SIP/4003-0000b704"), TenantKey.Split(key));
        Assert.Equal("acme", TenantKey.TenantOf(key));
        Assert.Equal("SIP/4003-0000b704", TenantKey.NameOf(key));
    }

    [Fact]
    public void A_local_channel_name_survives_a_round_trip_through_a_key()
    {
        const string name = "Local/1000@from-internal-00000001;1";

        Assert.Equal(name, TenantKey.NameOf(TenantKey.Of("t1", name)));
    }

    [Theory]
    [InlineData("acme")]
    [InlineData("/4001")]
    [InlineData("acme/")]
    [InlineData("")]
    public void A_key_without_both_tenant_and_name_cannot_be_split(string key)
    {
        Assert.Throws<FormatException>(() => TenantKey.Split(key));
    }

    [Fact]
    public void A_key_cannot_be_made_with_a_slash_in_the_tenant_or_an_empty_part()
    {
        Assert.Throws<ArgumentException>(() => TenantKey.Of("ac/me", "4001"));
        Assert.ThrowsAny<ArgumentException>(() => TenantKey.Of("", "4001"));
        Assert.ThrowsAny<ArgumentException>(() => TenantKey.Of("acme", ""));
    }

    [Theory]
    [InlineData("acme", true)]
    [InlineData("a", true)]
    [InlineData("Acme-2_b", true)]
    [InlineData("7eleven", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("-acme", false)]
    [InlineData("_acme", false)]
    [InlineData("ac me", false)]
    [InlineData("ac/me", false)]
    [InlineData("acmé", false)]
    public void A_tenant_id_is_a_short_dns_label_like_name(string? tenant, bool valid)
    {
        Assert.Equal(valid, TenantKey.IsValidTenantId(tenant));
    }

    [Fact]
    public void A_tenant_id_may_have_up_to_63_characters()
    {
        Assert.True(TenantKey.IsValidTenantId(new string('a', 63)));
        Assert.False(TenantKey.IsValidTenantId(new string('a', 64)));
    }

    [Fact]
    public void A_unique_id_is_epoch_seconds_dot_sequence()
    {
        Assert.Equal("1741942800.46852", UniqueId.Format(DateTimeOffset.FromUnixTimeSeconds(1741942800).AddMilliseconds(999), 46852));
    }

    [Theory]
    [InlineData("SIP", "4003", 0xb704L, "SIP/4003-0000b704")]
    [InlineData("SIP", "upc", 0xb714L, "SIP/upc-0000b714")]
    [InlineData("PJSIP", "alice", 0L, "PJSIP/alice-00000000")]
    [InlineData("SIP", "4003", 0xffffffffL, "SIP/4003-ffffffff")]
    [InlineData("SIP", "4003", 0x1_0000_b704L, "SIP/4003-0000b704")]
    public void A_channel_name_is_tech_slash_peer_dash_eight_hex_digits(string tech, string peer, long sequence, string name)
    {
        Assert.Equal(name, UniqueId.ChannelName(tech, peer, sequence));
    }

    [Theory]
    [InlineData("SIP/4003-0000b704", "SIP/4003")]
    [InlineData("SIP/upc-0000b714", "SIP/upc")]
    [InlineData("PJSIP/alice-00000001", "PJSIP/alice")]
    [InlineData("Local/1000@from-internal-00000001;1", "Local/1000@from-internal")]
    [InlineData("SIP/4003", "SIP/4003")]
    [InlineData("odd-name/4003", "odd-name/4003")]
    [InlineData("", "")]
    public void The_device_of_a_channel_is_its_name_without_the_sequence(string channel, string device)
    {
        Assert.Equal(device, UniqueId.DeviceOf(channel));
    }

    [Fact]
    public void A_channel_picture_reports_its_device()
    {
        Assert.Equal("SIP/4003", Channels.Up().Device);
    }

    [Theory]
    [InlineData("", 2166136261u)]
    [InlineData("a", 0xe40c292cu)]
    [InlineData("foobar", 0xbf9cf968u)]
    public void The_stable_hash_is_32_bit_fnv_1a(string value, uint hash)
    {
        Assert.Equal(hash, StableHash.Fnv1a(value));
    }

    [Fact]
    public void The_stable_hash_of_equal_strings_is_equal_whatever_the_instance()
    {
        var built = string.Concat("1741942800", ".", "46852");

        Assert.Equal(StableHash.Fnv1a("1741942800.46852"), StableHash.Fnv1a(built));
        Assert.Equal(StableHash.Shard("1741942800.46852", 8), StableHash.Shard(built, 8));
    }

    [Fact]
    public void Shards_are_within_range_and_spread_over_all_of_it()
    {
        var shards = Enumerable.Range(0, 1000).Select(i => StableHash.Shard($"1741942800.{i}", 8)).ToList();

        Assert.All(shards, s => Assert.InRange(s, 0, 7));
        Assert.Equal(8, shards.Distinct().Count());
        Assert.Equal(0, StableHash.Shard("anything", 1));
    }

    [Fact]
    public void A_call_is_listed_in_one_of_the_tenants_live_call_shards()
    {
        var key = Shards.LiveCallsKey("acme", "1741942800.1");

        Assert.Contains(key, Shards.AllLiveCallsKeys("acme"));
        Assert.Equal(Shards.LiveCalls, Shards.AllLiveCallsKeys("acme").Distinct().Count());
    }

    [Fact]
    public void A_cdr_is_kept_in_one_of_its_days_shards()
    {
        var day = new DateOnly(2025, 3, 14);

        var key = Shards.CdrKey("acme", day, "1741942800.1");

        Assert.StartsWith("acme/20250314/", key);
        Assert.Contains(key, Shards.AllCdrKeys("acme", day));
    }
}
