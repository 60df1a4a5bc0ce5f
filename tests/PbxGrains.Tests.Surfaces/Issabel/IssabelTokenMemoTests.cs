using System.Text;
using Microsoft.Extensions.Time.Testing;
using PbxGrains.Client;
using PbxGrains.Surfaces.Issabel;

namespace PbxGrains.Tests.Surfaces.Issabel;

/// <summary>
/// Issabel tokens are checked in full once and then remembered with their expiry: what is remembered must never
/// accept what the full check refuses (another tenant, a changed key, a token past its expiry).
/// </summary>
public sealed class IssabelTokenMemoTests
{
    private static readonly byte[] Key = Encoding.UTF8.GetBytes("a signing key of at least thirty-two bytes");
    private static readonly byte[] OtherKey = Encoding.UTF8.GetBytes("another signing key, also thirty-two bytes");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero));
    private readonly IssabelTokens _tokens;

    public IssabelTokenMemoTests() => _tokens = new IssabelTokens(new PbxClock(_time));

    [Fact]
    public async Task A_token_checked_once_is_still_valid_on_the_next_check_and_names_its_user()
    {
        var token = _tokens.CreateAccess("t1", Key, "admin", 60);

        Assert.Equal((TokenCheck.Valid, "admin"), await _tokens.CheckAccessAsync(token, "t1", Key));
        Assert.Equal((TokenCheck.Valid, "admin"), await _tokens.CheckAccessAsync(token, "t1", Key));
    }

    [Fact]
    public async Task A_remembered_token_expires_on_the_clock_and_is_then_said_expired()
    {
        var token = _tokens.CreateAccess("t1", Key, "admin", 60);
        Assert.Equal(TokenCheck.Valid, (await _tokens.CheckAccessAsync(token, "t1", Key)).Check);

        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(TokenCheck.Valid, (await _tokens.CheckAccessAsync(token, "t1", Key)).Check);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TokenCheck.Expired, (await _tokens.CheckAccessAsync(token, "t1", Key)).Check);
        Assert.Equal(TokenCheck.Valid, (await _tokens.CheckAccessAsync(token, "t1", Key, ignoreLifetime: true)).Check);
    }

    [Fact]
    public async Task A_remembered_token_is_refused_for_another_tenant_and_after_its_key_changed()
    {
        var token = _tokens.CreateAccess("t1", Key, "admin", 60);
        Assert.Equal(TokenCheck.Valid, (await _tokens.CheckAccessAsync(token, "t1", Key)).Check);

        Assert.Equal(TokenCheck.Invalid, (await _tokens.CheckAccessAsync(token, "t2", Key)).Check);
        Assert.Equal(TokenCheck.Invalid, (await _tokens.CheckAccessAsync(token, "t1", OtherKey)).Check);
    }

    [Fact]
    public async Task A_remembered_access_token_is_still_not_a_refresh_token()
    {
        var access = _tokens.CreateAccess("t1", Key, "admin", 60);
        Assert.Equal(TokenCheck.Valid, (await _tokens.CheckAccessAsync(access, "t1", Key)).Check);

        Assert.Equal(TokenCheck.Invalid, await _tokens.CheckRefreshAsync(access, "t1", Key));
    }

    [Fact]
    public async Task Past_the_bound_the_memo_starts_again_and_every_token_still_checks_in_full()
    {
        var tokens = Enumerable.Range(0, IssabelTokens.MaxRemembered + 5)
            .Select(i => _tokens.CreateAccess("t1", Key, $"user{i}", 60 + i))
            .ToList();
        foreach (var token in tokens)
        {
            Assert.Equal(TokenCheck.Valid, (await _tokens.CheckAccessAsync(token, "t1", Key)).Check);
        }

        Assert.True(_tokens.Remembered <= IssabelTokens.MaxRemembered);
        Assert.Equal((TokenCheck.Valid, "user0"), await _tokens.CheckAccessAsync(tokens[0], "t1", Key));
    }
}
