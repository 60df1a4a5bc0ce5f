using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PbxGrains.Host.Api;

namespace PbxGrains.Tests.Surfaces.Sim;

/// <summary>
/// The control API's per-process memory of which tenants exist, when the tenant grain cannot answer (its silo lost and
/// not yet declared dead): a tenant seen before is believed to exist for another second; one never seen is not. The
/// catalogue is a stand-in whose answers each test sets; the clock is stepped by hand.
/// </summary>
public sealed class KnownTenantsTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UnixEpoch);
    private readonly Dictionary<string, Func<Task<bool>>> _catalogue = [];
    private int _questions;

    [Fact]
    public async Task A_tenant_seen_before_is_believed_while_its_grain_fails_and_asked_again_a_second_later()
    {
        var known = NewKnownTenants();
        _catalogue["acme"] = () => Task.FromResult(true);
        Assert.True(await known.ExistsAsync("acme"));

        _catalogue["acme"] = () => Task.FromException<bool>(new TimeoutException("silo lost"));
        _clock.Advance(KnownTenants.Lifetime);
        Assert.True(await known.ExistsAsync("acme"));
        Assert.Equal(2, _questions);

        // Believed for another lifetime without asking, then asked again: deleted meanwhile, it is gone.
        Assert.True(await known.ExistsAsync("acme"));
        Assert.Equal(2, _questions);
        _catalogue["acme"] = () => Task.FromResult(false);
        _clock.Advance(KnownTenants.Lifetime);
        Assert.False(await known.ExistsAsync("acme"));
    }

    [Fact]
    public async Task A_grain_that_hangs_is_waited_for_a_moment_only()
    {
        var known = NewKnownTenants();
        _catalogue["acme"] = () => Task.FromResult(true);
        await known.ExistsAsync("acme");

        var never = new TaskCompletionSource<bool>();
        _catalogue["acme"] = () => never.Task;
        _clock.Advance(KnownTenants.Lifetime);
        var answer = known.ExistsAsync("acme").AsTask();
        Assert.False(answer.IsCompleted);
        _clock.Advance(KnownTenants.StaleAfter);
        Assert.True(await answer);
    }

    [Fact]
    public async Task A_tenant_never_seen_is_not_believed_when_its_grain_fails()
    {
        var known = NewKnownTenants();
        _catalogue["acme"] = () => Task.FromException<bool>(new TimeoutException("silo lost"));

        await Assert.ThrowsAsync<TimeoutException>(async () => await known.ExistsAsync("acme"));
    }

    [Fact]
    public async Task A_tenant_forgotten_by_a_delete_here_is_not_believed()
    {
        var known = NewKnownTenants();
        _catalogue["acme"] = () => Task.FromResult(true);
        await known.ExistsAsync("acme");
        known.Forget("acme");

        _catalogue["acme"] = () => Task.FromException<bool>(new TimeoutException("silo lost"));
        await Assert.ThrowsAsync<TimeoutException>(async () => await known.ExistsAsync("acme"));
    }

    private KnownTenants NewKnownTenants() => new(
        tenant =>
        {
            _questions++;
            return _catalogue[tenant]();
        },
        _clock,
        NullLogger<KnownTenants>.Instance);
}
