using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Surfaces.Tenancy;

namespace PbxGrains.Tests.Surfaces.Tenancy;

/// <summary>
/// The per-process tenant settings read model when the tenant grain cannot answer (its silo was lost and the cluster
/// has not declared it dead yet): requests are served the last settings this process read of that tenant, a tenant
/// never read fails as before, and the grain is read again once it answers. The reader is a stand-in whose answers
/// each test controls; the clock is stepped by hand.
/// </summary>
public sealed class TenantSettingsCacheTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UnixEpoch);
    private readonly Reader _reader = new();
    private readonly ListLogger _log = new();

    [Fact]
    public async Task A_failed_refresh_serves_the_last_settings_read_until_the_tenant_answers_again()
    {
        var cache = NewCache();
        _reader.Answer("acme", Settings("acme", "v1"));
        Assert.Equal("acme:v1", await cache.GetAsync("acme"));

        _reader.Fail("acme");
        _clock.Advance(TenantSettingsCache<string>.Lifetime);
        Assert.Equal("acme:v1", await cache.GetAsync("acme"));
        Assert.Equal(2, _reader.Reads("acme"));

        // Tried again only after another lifetime, then the new settings are served.
        Assert.Equal("acme:v1", await cache.GetAsync("acme"));
        Assert.Equal(2, _reader.Reads("acme"));
        _reader.Answer("acme", Settings("acme", "v2"));
        _clock.Advance(TenantSettingsCache<string>.Lifetime);
        Assert.Equal("acme:v2", await cache.GetAsync("acme"));
    }

    [Fact]
    public async Task A_tenant_never_read_has_nothing_to_fall_back_on_and_its_failure_is_not_remembered()
    {
        var cache = NewCache();
        _reader.Fail("acme");
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await cache.GetAsync("acme"));

        _reader.Answer("acme", Settings("acme", "v1"));
        Assert.Equal("acme:v1", await cache.GetAsync("acme"));
    }

    [Fact]
    public async Task A_refresh_that_hangs_is_waited_for_a_moment_then_the_last_settings_are_served_at_once()
    {
        var cache = NewCache();
        _reader.Answer("acme", Settings("acme", "v1"));
        await cache.GetAsync("acme");

        var pending = _reader.Hang("acme");
        _clock.Advance(TenantSettingsCache<string>.Lifetime);
        var waiting = cache.GetAsync("acme").AsTask();
        Assert.False(waiting.IsCompleted);
        _clock.Advance(TenantSettingsCache<string>.StaleAfter);
        Assert.Equal("acme:v1", await waiting);

        // The refresh is known to hang: the next request does not wait for it.
        var next = cache.GetAsync("acme");
        Assert.True(next.IsCompleted);
        Assert.Equal("acme:v1", await next);

        // When it answers at last, its settings are served.
        pending.SetResult(Settings("acme", "v2"));
        Assert.Equal("acme:v2", await cache.GetAsync("acme"));
    }

    [Fact]
    public async Task One_tenant_falling_back_never_serves_another_tenants_settings()
    {
        var cache = NewCache();
        _reader.Answer("acme", Settings("acme", "v1"));
        _reader.Answer("other", Settings("other", "v9"));
        await cache.GetAsync("acme");

        _reader.Fail("acme");
        _reader.Fail("other");
        _clock.Advance(TenantSettingsCache<string>.Lifetime);
        Assert.Equal("acme:v1", await cache.GetAsync("acme"));
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await cache.GetAsync("other"));
    }

    [Fact]
    public async Task A_tenant_that_does_not_exist_is_an_answer_not_a_failure()
    {
        var cache = NewCache();
        _reader.Answer("acme", Settings("acme", "v1"));
        await cache.GetAsync("acme");

        // Deleted meanwhile: the catalogue answers "none", which is served, not the settings it had.
        _reader.Answer("acme", null);
        _clock.Advance(TenantSettingsCache<string>.Lifetime);
        Assert.Equal("acme:(none)", await cache.GetAsync("acme"));
    }

    [Fact]
    public async Task Falling_back_and_recovering_are_each_logged_once_not_at_every_refresh()
    {
        var cache = NewCache();
        _reader.Answer("acme", Settings("acme", "v1"));
        await cache.GetAsync("acme");

        _reader.Fail("acme");
        for (var i = 0; i < 3; i++)
        {
            _clock.Advance(TenantSettingsCache<string>.Lifetime);
            Assert.Equal("acme:v1", await cache.GetAsync("acme"));
        }

        _reader.Answer("acme", Settings("acme", "v2"));
        for (var i = 0; i < 3; i++)
        {
            _clock.Advance(TenantSettingsCache<string>.Lifetime);
            Assert.Equal("acme:v2", await cache.GetAsync("acme"));
        }

        Assert.Equal(["Warning: serving", "Information: read again"], _log.Lines);
    }

    private TenantSettingsCache<string> NewCache() =>
        new(_reader.ReadAsync, (tenant, settings) => settings is null ? $"{tenant}:(none)" : $"{tenant}:{settings.DisplayName.Split(' ')[1]}", _clock, _log);

    private static TenantSettings Settings(string id, string name) => new() { DisplayName = $"{id} {name}" };

    /// <summary>Keeps what was logged, as its level and the words that tell the messages apart.</summary>
    private sealed class ListLogger : ILogger
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            Lines.Add($"{logLevel}: {(message.Contains("read again", StringComparison.Ordinal) ? "read again" : message.Contains("serving", StringComparison.Ordinal) ? "serving" : message)}");
        }
    }

    /// <summary>The tenant grain's stand-in: per tenant, an answer, a failure or a pending answer.</summary>
    private sealed class Reader
    {
        private readonly Dictionary<string, Func<Task<TenantSettings?>>> _answers = [];
        private readonly Dictionary<string, int> _reads = [];

        public void Answer(string tenant, TenantSettings? settings) => _answers[tenant] = () => Task.FromResult(settings);

        public void Fail(string tenant) => _answers[tenant] = () => Task.FromException<TenantSettings?>(new InvalidOperationException("silo lost"));

        public TaskCompletionSource<TenantSettings?> Hang(string tenant)
        {
            // Continuations run inline: once the test sets the answer, the cache has taken it.
            var pending = new TaskCompletionSource<TenantSettings?>();
            _answers[tenant] = () => pending.Task;
            return pending;
        }

        public int Reads(string tenant) => _reads.GetValueOrDefault(tenant);

        public Task<TenantSettings?> ReadAsync(string tenant)
        {
            _reads[tenant] = Reads(tenant) + 1;
            return _answers[tenant]();
        }
    }
}
