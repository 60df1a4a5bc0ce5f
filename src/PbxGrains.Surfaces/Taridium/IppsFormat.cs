using System.Buffers;
using System.Globalization;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Ids;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Surfaces.Taridium;

/// <summary>
/// IPPS' CSV lines, written into an <see cref="IppsBuffer"/>. Every line ends with "\n" (what a PHP script echoing
/// one line per record sends); values are written as they are (see <see cref="IppsBuffer.Field"/>), optional values
/// that do not apply are empty fields, so every line of an answer has the same columns.
/// </summary>
public static class IppsFormat
{
    /// <summary>
    /// One channelinfo line: <c>[CHANNEL_NAME,]CHANNEL_STATE,CLID_NUMBER,CLID_NAME,ACCOUNT_CODE,UNIQUE_ID</c>.
    /// </summary>
    /// <param name="name">The channel name as the request supplied it, or null when the column is not wanted.</param>
    /// <param name="channel">The channel's live leg, or null when it has none (<c>down</c>, the other fields empty).</param>
    public static void ChannelLine(IppsBuffer output, string? name, ChannelSnapshot? channel)
    {
        if (name is not null)
        {
            output.Field(name);
            output.Comma();
        }

        var state = channel is null ? default : StateOf(channel.State);
        if (state.IsEmpty)
        {
            output.Ascii("down,,,,\n"u8);
            return;
        }

        output.Ascii(state);
        output.Comma();
        output.Field(channel!.CallerIdNumber);
        output.Comma();
        output.Field(channel.CallerIdName);
        output.Comma();
        output.Field(channel.AccountCode);
        output.Comma();
        output.Field(channel.UniqueId);
        output.NewLine();
    }

    /// <summary>The IPPS keyword of a live state; empty for what IPPS reports as down (Down, and Busy, which is hanging up).</summary>
    public static ReadOnlySpan<byte> StateOf(ChannelState state) => state switch
    {
        ChannelState.Up => "up"u8,
        ChannelState.Ring => "ring"u8,
        ChannelState.Ringing => "ringing"u8,
        _ => default,
    };

    /// <summary>
    /// The queueactive answer for the calls of <paramref name="queues"/>: one line per call, in the order the calls
    /// entered their queues (as ipbx lists them from its queue log), across merged queues too. Nothing is written when
    /// no call is active. The only allocations are pooled arrays to order the calls in (and, for merged queues whose
    /// calls interleave in more complex ways, one comparison delegate to sort them).
    /// </summary>
    public static void QueueActive(IppsBuffer output, ReadOnlySpan<QueueSnapshot> queues, TaridiumSettings settings, CountryNames countries, bool resolveCountries)
    {
        var count = 0;
        foreach (var queue in queues)
        {
            count += queue.Calls.Length;
        }

        if (count == 0)
        {
            return;
        }

        var rented = ArrayPool<QueueCallerView>.Shared.Rent(count);
        QueueCallerView[]? merged = null;
        try
        {
            var calls = rented.AsSpan(0, count);
            var at = 0;
            foreach (var queue in queues)
            {
                queue.Calls.AsSpan().CopyTo(calls[at..]);
                at += queue.Calls.Length;
            }

            // A queue publishes its waiting callers (in entry order) and then its connected ones (in entry order): two
            // ordered runs, merged in one pass. Anything else is sorted.
            var (descents, secondRun) = Descents(calls);
            if (descents == 1)
            {
                merged = ArrayPool<QueueCallerView>.Shared.Rent(count);
                Merge(calls[..secondRun], calls[secondRun..], merged);
                calls = merged.AsSpan(0, count);
            }
            else if (descents > 1)
            {
                calls.Sort(EntryOrder.Instance);
            }

            var local = new LocalTime(settings.TimeZone, calls[0].Entered, calls[^1].Entered);
            foreach (var call in calls)
            {
                QueueLine(output, call, local.Of(call.Entered), settings, countries, resolveCountries);
            }
        }
        finally
        {
            // The pool must not keep the calls alive.
            rented.AsSpan(0, count).Clear();
            ArrayPool<QueueCallerView>.Shared.Return(rented);
            if (merged is not null)
            {
                merged.AsSpan(0, count).Clear();
                ArrayPool<QueueCallerView>.Shared.Return(merged);
            }
        }
    }

    /// <summary>
    /// <c>UNIQUE_CALL_ID,CALLER_ID,COUNTRY_NAME,STATUS,ENTERED,WAITED,AGENT</c>. A caller that a member's phone is
    /// ringing for still waits. ENTERED is the PBX's local time; WAITED (whole seconds) and AGENT (the member's
    /// interface, <c>SIP/4002</c>) only once connected.
    /// </summary>
    public static void QueueLine(IppsBuffer output, QueueCallerView call, TaridiumSettings settings, CountryNames countries, bool resolveCountries) =>
        QueueLine(output, call, TimeZoneInfo.ConvertTime(call.Entered, settings.TimeZone), settings, countries, resolveCountries);

    private static void QueueLine(IppsBuffer output, QueueCallerView call, DateTimeOffset enteredLocally, TaridiumSettings settings, CountryNames countries, bool resolveCountries)
    {
        output.Field(call.CallId);
        output.Comma();
        output.Field(call.CallerIdNumber);
        output.Comma();
        if (resolveCountries && call.CallerIdNumber.Length > 0)
        {
            output.Field(countries.Resolve(call.CallerIdNumber, settings.DomesticNumberMaxLen, settings.DefaultCountry));
        }

        output.Comma();
        var connected = call.Status == QueueCallerStatus.Connected;
        output.Ascii(connected ? "CONNECTED"u8 : "WAITING"u8);
        output.Comma();
        output.TimeOfDay(enteredLocally);
        output.Comma();
        if (connected)
        {
            output.Number(call.WaitedSeconds);
            output.Comma();
            output.Field(AgentOf(call));
        }
        else
        {
            output.Comma();
        }

        output.NewLine();
    }

    /// <summary>The member interface (<c>SIP/4002</c>), else the device part of the agent's channel.</summary>
    private static ReadOnlySpan<char> AgentOf(QueueCallerView call)
    {
        if (!string.IsNullOrEmpty(call.MemberInterface))
        {
            return call.MemberInterface;
        }

        return UniqueId.DeviceOf(call.AgentChannel.AsSpan());
    }

    /// <summary>How often the order breaks, and where it first does (the start of the second ordered run).</summary>
    private static (int Count, int First) Descents(ReadOnlySpan<QueueCallerView> calls)
    {
        var count = 0;
        var first = 0;
        for (var i = 1; i < calls.Length; i++)
        {
            if (EntryOrder.Instance.Compare(calls[i - 1], calls[i]) > 0 && count++ == 0)
            {
                first = i;
            }
        }

        return (count, first);
    }

    private static void Merge(ReadOnlySpan<QueueCallerView> left, ReadOnlySpan<QueueCallerView> right, Span<QueueCallerView> into)
    {
        int l = 0, r = 0, o = 0;
        while (l < left.Length && r < right.Length)
        {
            into[o++] = EntryOrder.Instance.Compare(right[r], left[l]) < 0 ? right[r++] : left[l++];
        }

        left[l..].CopyTo(into[o..]);
        right[r..].CopyTo(into[(o + left.Length - l)..]);
    }

    /// <summary>
    /// Local time for one answer. A zone's offset changes at most at a transition, months apart; when the earliest and
    /// the latest call of the answer, less than a day apart, have the same offset, every call between has it too, and
    /// the one offset is applied instead of looking the zone's rules up per line.
    /// </summary>
    private readonly struct LocalTime(TimeZoneInfo zone, DateTimeOffset earliest, DateTimeOffset latest)
    {
        private readonly TimeSpan? _offset = latest - earliest is { Ticks: >= 0 } span && span < TimeSpan.FromDays(1)
            && zone.GetUtcOffset(earliest) is var offset && offset == zone.GetUtcOffset(latest)
                ? offset
                : null;

        public DateTimeOffset Of(DateTimeOffset at) => _offset is { } offset ? at.ToOffset(offset) : TimeZoneInfo.ConvertTime(at, zone);
    }

    /// <summary>Entry time, then unique id, then waiting before connected (a call listed twice shows its waiting first).</summary>
    private sealed class EntryOrder : IComparer<QueueCallerView>
    {
        public static readonly EntryOrder Instance = new();

        public int Compare(QueueCallerView? x, QueueCallerView? y)
        {
            if (ReferenceEquals(x, y))
            {
                return 0;
            }

            if (x is null || y is null)
            {
                return x is null ? -1 : 1;
            }

            var byTime = x.Entered.UtcTicks.CompareTo(y.Entered.UtcTicks);
            if (byTime != 0)
            {
                return byTime;
            }

            var byId = CompareUniqueIds(x.CallId, y.CallId);
            return byId != 0 ? byId : Rank(x.Status).CompareTo(Rank(y.Status));
        }

        /// <summary>Asterisk unique ids by their numbers (<c>…460.2</c> before <c>…460.11</c>), else as text.</summary>
        private static int CompareUniqueIds(string x, string y)
        {
            return UniqueId.Parse(x) is { } first && UniqueId.Parse(y) is { } second
                ? first.CompareTo(second)
                : string.CompareOrdinal(x, y);
        }

        private static int Rank(QueueCallerStatus status) => status == QueueCallerStatus.Connected ? 1 : 0;
    }
}
