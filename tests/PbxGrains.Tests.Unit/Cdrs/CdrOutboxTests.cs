using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Grains.Cdrs;

namespace PbxGrains.Tests.Unit.Cdrs;

/// <summary>A call's end waits for its CDR only as long as the store answers promptly; what is handed over is kept.</summary>
public sealed class CdrOutboxTests
{
    private static readonly TimeSpan Soon = TimeSpan.FromMilliseconds(50);

    /// <summary>A CDR log whose appends are answered as the test says: each append takes the next of <see cref="Answers"/>.</summary>
    private sealed class ScriptedLog : ICdrLogGrain
    {
        public Queue<Func<Task>> Answers { get; } = new();

        public List<string> Appended { get; } = [];

        public async Task AppendAsync(CdrRecord record)
        {
            var answer = Answers.Count > 0 ? Answers.Dequeue() : () => Task.CompletedTask;
            await answer();
            Appended.Add(record.UniqueId);
        }

        public Task<CdrLogView> ViewAsync() => throw new NotSupportedException();

        public Task PurgeAsync() => throw new NotSupportedException();
    }

    private static CdrOutbox Outbox(ScriptedLog log) => new(_ => log, NullLogger<CdrOutbox>.Instance,
        new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>(), Soon, TimeSpan.FromMilliseconds(10));

    private static CdrRecord Record(string id) => new() { UniqueId = id };

    [Fact]
    public async Task A_prompt_store_is_waited_for_and_nothing_is_held()
    {
        var log = new ScriptedLog();
        using var outbox = Outbox(log);

        await outbox.AppendAsync("t/20260301/0", Record("1.1"));

        Assert.Equal(["1.1"], log.Appended);
        Assert.Equal(0, outbox.Held);
    }

    [Fact]
    public async Task A_stalled_store_is_not_waited_for_and_the_record_is_stored_when_it_answers()
    {
        var log = new ScriptedLog();
        var stalled = new TaskCompletionSource();
        log.Answers.Enqueue(() => stalled.Task);
        using var outbox = Outbox(log);

        await outbox.AppendAsync("t/20260301/0", Record("1.2"));

        Assert.Empty(log.Appended);
        Assert.Equal(1, outbox.Held);
        stalled.SetResult();
        await WaitUntil(() => outbox.Held == 0);
        Assert.Equal(["1.2"], log.Appended);
    }

    [Fact]
    public async Task A_failing_store_gets_the_record_again_until_it_takes_it()
    {
        var log = new ScriptedLog();
        log.Answers.Enqueue(() => throw new TimeoutException("the store timed out"));
        log.Answers.Enqueue(() => throw new TimeoutException("the store timed out again"));
        using var outbox = Outbox(log);

        await outbox.AppendAsync("t/20260301/0", Record("1.3"));

        await WaitUntil(() => outbox.Held == 0);
        Assert.Equal(["1.3"], log.Appended);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "gave up waiting");
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }
    }
}
