using System.Collections.Immutable;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Surfaces.Taridium;

namespace PbxGrains.Benchmarks;

/// <summary>Queue pictures and tenant settings like the document's sample, at any size.</summary>
public static class Calls
{
    private static readonly string[] CallerIds = ["99532356420", "448450043606", "792074279", "444557400", "688677809010", "6596489564", "12124611807", "unknown"];

    public static readonly CountryNames Countries = new();

    /// <summary>The sample's tenant: IPPS on, nine-digit numbers are Swiss, New York time.</summary>
    public static readonly ImmutableDictionary<string, ImmutableDictionary<string, string>> SampleSurfaces =
        ImmutableDictionary<string, ImmutableDictionary<string, string>>.Empty.Add("taridium", ImmutableDictionary<string, string>.Empty
            .Add("IPPSEnabled", "true").Add("DomesticNumberMaxLen", "9").Add("DefaultCountryID", "Switzerland").Add("TimeZone", "America/New_York"));

    public static readonly TaridiumSettings Settings = TaridiumSettings.From(new TenantSettings { Surfaces = SampleSurfaces }, Countries);

    /// <summary>
    /// A queue of <paramref name="count"/> calls as the queue grain publishes it: the waiting half first (by position),
    /// then the connected half, which entered earlier; so the renderer has to put them in entry order.
    /// </summary>
    public static QueueSnapshot Queue(int count)
    {
        var start = new DateTimeOffset(2009, 3, 9, 13, 0, 0, TimeSpan.Zero);
        var connected = count / 2;
        var calls = ImmutableArray.CreateBuilder<QueueCallerView>(count);
        for (var i = connected; i < count; i++)
        {
            calls.Add(View(i, start, connectedAfter: null));
        }

        for (var i = 0; i < connected; i++)
        {
            calls.Add(View(i, start, connectedAfter: 1 + (i % 30)));
        }

        return new QueueSnapshot { Name = "MC", Exists = true, Version = 1, Calls = calls.MoveToImmutable() };
    }

    private static QueueCallerView View(int i, DateTimeOffset start, int? connectedAfter)
    {
        var entered = start.AddSeconds(i * 3);
        return new QueueCallerView
        {
            CallId = $"{entered.ToUnixTimeSeconds()}.{i}",
            CallerIdNumber = CallerIds[i % CallerIds.Length],
            Entered = entered,
            Position = connectedAfter is null ? i + 1 : 0,
            Status = connectedAfter is null ? QueueCallerStatus.Waiting : QueueCallerStatus.Connected,
            Connected = connectedAfter is { } after ? entered.AddSeconds(after) : null,
            MemberInterface = connectedAfter is null ? null : $"SIP/{4000 + (i % 50)}",
        };
    }
}
