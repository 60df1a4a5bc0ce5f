using System.Net;
using Microsoft.Extensions.Time.Testing;
using PbxGrains.Surfaces.VoipCenter;

namespace PbxGrains.Tests.VoipCenter;

/// <summary>The per-address counter of failed credential checks: its limit, its window and its memory bound.</summary>
public sealed class FailedAttemptLimiterTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void An_address_is_blocked_at_its_limit_until_its_window_passes()
    {
        var limiter = new FailedAttemptLimiter(3, TimeSpan.FromMinutes(1), 100, _time);
        var address = IPAddress.Parse("198.51.100.1");
        for (var i = 0; i < 3; i++)
        {
            Assert.False(limiter.IsBlocked(address));
            limiter.Fail(address);
        }

        Assert.True(limiter.IsBlocked(address));
        Assert.False(limiter.IsBlocked(IPAddress.Parse("198.51.100.2")));
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.False(limiter.IsBlocked(address));
    }

    [Fact]
    public void Ipv6_counts_by_its_64_prefix_and_a_mapped_ipv4_as_the_ipv4()
    {
        Assert.Equal(FailedAttemptLimiter.KeyOf(IPAddress.Parse("2001:db8:1:2::1")), FailedAttemptLimiter.KeyOf(IPAddress.Parse("2001:db8:1:2:ffff::9")));
        Assert.NotEqual(FailedAttemptLimiter.KeyOf(IPAddress.Parse("2001:db8:1:2::1")), FailedAttemptLimiter.KeyOf(IPAddress.Parse("2001:db8:1:3::1")));
        Assert.Equal("192.0.2.1", FailedAttemptLimiter.KeyOf(IPAddress.Parse("::ffff:192.0.2.1")));
    }

    [Fact]
    public void Memory_is_bounded_an_address_beyond_the_bound_is_not_tracked_and_never_blocked_for_others()
    {
        var limiter = new FailedAttemptLimiter(1, TimeSpan.FromMinutes(1), 3, _time);
        for (var i = 1; i <= 10; i++)
        {
            limiter.Fail(IPAddress.Parse($"203.0.113.{i}"));
        }

        Assert.Equal(3, limiter.Tracked);
        Assert.True(limiter.IsBlocked(IPAddress.Parse("203.0.113.1")));
        Assert.False(limiter.IsBlocked(IPAddress.Parse("203.0.113.10")));

        // Once the tracked ones' windows pass, they make room.
        _time.Advance(TimeSpan.FromMinutes(1));
        limiter.Fail(IPAddress.Parse("203.0.113.10"));
        Assert.True(limiter.IsBlocked(IPAddress.Parse("203.0.113.10")));
        Assert.Equal(1, limiter.Tracked);
    }
}
