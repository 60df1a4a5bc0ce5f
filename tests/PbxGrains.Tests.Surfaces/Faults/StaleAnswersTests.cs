using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Surfaces.Faults;

namespace PbxGrains.Tests.Surfaces.Faults;

/// <summary>The answers a stale-answer fault keeps: per caller, until they are old, and never more than the bound.</summary>
public sealed class StaleAnswersTests
{
    private static readonly FaultRule Rule = new() { Id = "f1", Kind = FaultKind.StaleAnswer, AgeSeconds = 30, Version = 1 };

    private static StaleAnswers.Snapshot Answer(string body, DateTimeOffset at) => new(200, "application/json", System.Text.Encoding.UTF8.GetBytes(body), at);

    private static HttpContext Request(string path, string? authorization = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Path = path;
        if (authorization is not null)
        {
            context.Request.Headers.Authorization = authorization;
        }

        return context;
    }

    [Fact]
    public void A_kept_answer_is_served_until_it_is_as_old_as_the_rule_says()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        var stale = new StaleAnswers(time);
        var key = StaleAnswers.KeyOf("t1", Rule, Request("/api/api.php"));
        stale.Keep(key, Answer("[]", time.GetUtcNow()));

        time.Advance(TimeSpan.FromSeconds(29));
        Assert.NotNull(stale.Fresh(key, TimeSpan.FromSeconds(30)));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(stale.Fresh(key, TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void Callers_tenants_and_rules_never_share_an_answer()
    {
        var keys = new[]
        {
            StaleAnswers.KeyOf("t1", Rule, Request("/api/api.php", "Basic YTpi")),
            StaleAnswers.KeyOf("t1", Rule, Request("/api/api.php", "Basic Yzpk")),
            StaleAnswers.KeyOf("t2", Rule, Request("/api/api.php", "Basic YTpi")),
            StaleAnswers.KeyOf("t1", Rule with { Version = 2 }, Request("/api/api.php", "Basic YTpi")),
            StaleAnswers.KeyOf("t1", Rule, Request("/api/other.php", "Basic YTpi")),
        };

        Assert.Equal(keys.Length, keys.Distinct().Count());
        Assert.All(keys, k => Assert.DoesNotContain("YTpi", k, StringComparison.Ordinal));
    }

    [Fact]
    public void Past_the_bound_the_oldest_kept_answer_goes()
    {
        var time = new FakeTimeProvider();
        var stale = new StaleAnswers(time);
        for (var i = 0; i <= StaleAnswers.MaxKept; i++)
        {
            stale.Keep($"k{i}", Answer($"{i}", time.GetUtcNow()));
        }

        Assert.Null(stale.Fresh("k0", TimeSpan.FromHours(1)));
        Assert.NotNull(stale.Fresh("k1", TimeSpan.FromHours(1)));
        Assert.NotNull(stale.Fresh($"k{StaleAnswers.MaxKept}", TimeSpan.FromHours(1)));
    }
}
