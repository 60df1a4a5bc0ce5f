using System.Diagnostics;

namespace PbxGrains.Tests.Cluster.Infrastructure;

/// <summary>
/// Polling for effects that arrive one way (timer firings, published pictures). It waits on real time only to give
/// the cluster a chance to deliver; it never asserts how fast anything happened.
/// </summary>
public static class Wait
{
    // Generous: CI runs every test project at once on two cores, and a limit only turns a hang into a failure.
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(10);

    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var last = await probe();
            if (condition(last))
            {
                return last;
            }

            if (clock.Elapsed > Limit)
            {
                Assert.Fail($"Gave up waiting for {what}; the last value seen was: {Describe(last)}");
            }

            await Task.Delay(Interval);
        }
    }

    public static Task Until(Func<Task<bool>> condition, string what) => Until(condition, ok => ok, what);

    private const int MaxDescription = 2000;

    private static string Describe<T>(T value)
    {
        var text = value switch
        {
            null => "null",
            System.Collections.IEnumerable items and not string => $"[{string.Join(", ", items.Cast<object?>())}]",
            _ => value.ToString() ?? "",
        };
        return text.Length <= MaxDescription ? text : string.Concat(text.AsSpan(0, MaxDescription), "…");
    }
}
