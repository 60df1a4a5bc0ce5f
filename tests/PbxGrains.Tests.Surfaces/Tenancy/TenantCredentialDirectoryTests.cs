using System.Collections.Immutable;
using Microsoft.Extensions.Time.Testing;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Surfaces.Tenancy;

namespace PbxGrains.Tests.Surfaces.Tenancy;

/// <summary>
/// The per-process directory that finds a tenant by a credential in its settings (VoipCenter's knummer) when grains
/// cannot answer (their silo lost and not yet declared dead): a tenant whose grain fails keeps the entry it was last
/// found with, the others are read as usual, and a tenant list that cannot be read serves the last snapshot. The
/// catalogue is a stand-in whose answers each test sets; the clock is stepped by hand.
/// </summary>
public sealed class TenantCredentialDirectoryTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UnixEpoch);
    private readonly Dictionary<string, Func<Task<TenantSettings?>>> _tenants = [];
    private Func<Task<ImmutableArray<string>>>? _list;

    [Fact]
    public async Task A_tenant_whose_grain_fails_keeps_its_entry_and_the_others_are_read_again()
    {
        var directory = NewDirectory();
        _tenants["acme"] = Answer("1001");
        _tenants["other"] = Answer("2002");
        Assert.Equal("acme", (await directory.FindAsync("1001"))?.Tenant);

        _tenants["acme"] = () => Task.FromException<TenantSettings?>(new TimeoutException("silo lost"));
        _tenants["other"] = Answer("2003");
        _clock.Advance(TenantCredentialDirectory.Lifetime);

        Assert.Equal("acme", (await directory.FindAsync("1001"))?.Tenant);
        Assert.Equal("other", (await directory.FindAsync("2003"))?.Tenant);
        Assert.Null(await directory.FindAsync("2002"));
    }

    [Fact]
    public async Task A_tenant_list_that_cannot_be_read_serves_the_last_snapshot_and_a_hang_is_waited_for_a_moment_only()
    {
        var directory = NewDirectory();
        _tenants["acme"] = Answer("1001");
        await directory.FindAsync("1001");

        _list = () => Task.FromException<ImmutableArray<string>>(new TimeoutException("silo lost"));
        _clock.Advance(TenantCredentialDirectory.Lifetime);
        Assert.Equal("acme", (await directory.FindAsync("1001"))?.Tenant);

        var never = new TaskCompletionSource<ImmutableArray<string>>();
        _list = () => never.Task;
        _clock.Advance(TenantCredentialDirectory.Lifetime);
        var answer = directory.FindAsync("1001");
        Assert.False(answer.IsCompleted);
        _clock.Advance(TenantCredentialDirectory.StaleAfter);
        Assert.Equal("acme", (await answer)?.Tenant);
    }

    [Fact]
    public async Task Before_the_first_snapshot_there_is_nothing_to_fall_back_on()
    {
        var directory = NewDirectory();
        _list = () => Task.FromException<ImmutableArray<string>>(new TimeoutException("silo lost"));

        await Assert.ThrowsAsync<TimeoutException>(() => directory.FindAsync("1001"));
    }

    private TenantCredentialDirectory NewDirectory() => new(
        () => _list?.Invoke() ?? Task.FromResult(_tenants.Keys.ToImmutableArray()),
        tenant => _tenants[tenant](),
        "voipcenter",
        "knummer",
        _clock);

    private static Func<Task<TenantSettings?>> Answer(string knummer) => () => Task.FromResult<TenantSettings?>(new TenantSettings
    {
        Surfaces = ImmutableDictionary<string, ImmutableDictionary<string, string>>.Empty
            .Add("voipcenter", ImmutableDictionary<string, string>.Empty.Add("knummer", knummer)),
    });
}
