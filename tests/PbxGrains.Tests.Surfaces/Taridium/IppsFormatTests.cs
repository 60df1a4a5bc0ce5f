using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Surfaces.Taridium;
using PbxGrains.Tests.Surfaces.Infrastructure;

namespace PbxGrains.Tests.Surfaces.Taridium;

/// <summary>The CSV rendering on its own, from snapshots built by hand: no cluster.</summary>
public sealed class IppsFormatTests
{
    private static readonly CountryNames Countries = new();

    /// <summary>The tenant of the document's sample: Swiss domestic numbers of up to nine digits, New York time.</summary>
    private static readonly TaridiumSettings Sample = TaridiumSettings.From(new TenantSettings
    {
        Surfaces = ImmutableDictionary<string, ImmutableDictionary<string, string>>.Empty.Add("taridium", ImmutableDictionary<string, string>.Empty
            .Add("IPPSEnabled", "true").Add("DomesticNumberMaxLen", "9").Add("DefaultCountryID", "Switzerland").Add("TimeZone", "America/New_York")),
    }, Countries);

    [Fact]
    public void One_snapshot_holding_the_samples_calls_renders_the_sample_exactly_in_entry_order()
    {
        // As the queue publishes them: waiting callers first, connected ones after. The sample's call …198.147 appears
        // twice (it was polled while waiting and again once connected), so the snapshot holds both of its pictures.
        QueueCallerView[] waiting =
        [
            Waiting("1236606951.132", "99532356420", "13:55:51"),
            Waiting("1236607198.147", "444557400", "13:59:59"),
        ];
        QueueCallerView[] connected =
        [
            Connected("1236606991.135", "99532356420", "13:56:31", 3),
            Connected("1236607029.138", "448450043606", "13:57:10", 1),
            Connected("1236607156.144", "792074279", "13:59:16", 2),
            Connected("1236607198.147", "444557400", "13:59:59", 6),
            Connected("1236607246.150", "688677809010", "14:00:46", 2),
            Connected("1236607333.153", "6596489564", "14:02:13", 2),
            Connected("1236607363.156", "12124611807", "14:02:43", 1),
        ];
        var snapshot = new QueueSnapshot { Name = "MC", Exists = true, Calls = [.. waiting, .. connected] };

        Assert.Equal(Golden.Read("queueactive-sample.txt"), Render([snapshot], resolveCountries: true));
    }

    [Fact]
    public void Merged_snapshots_interleave_by_entry_time_and_unique_ids_break_ties_by_number()
    {
        var mc = new QueueSnapshot { Name = "MC", Exists = true, Calls = [Waiting("1795459460.11", "1", "10:00:00"), Waiting("1795459461.3", "2", "10:00:01")] };
        var support = new QueueSnapshot { Name = "Support", Exists = true, Calls = [Waiting("1795459460.2", "3", "10:00:00")] };

        var ids = Render([mc, support], resolveCountries: false).TrimEnd('\n').Split('\n').Select(l => l.Split(',')[0]);

        Assert.Equal(["1795459460.2", "1795459460.11", "1795459461.3"], ids);
    }

    [Fact]
    public void Calls_that_interleave_in_many_runs_are_sorted_into_entry_order()
    {
        var times = new[] { "10:00:05", "10:00:01", "10:00:04", "10:00:00", "10:00:03", "10:00:02" };
        var calls = times.Select((t, i) => Waiting($"1236600000.{i}", "1", t)).ToImmutableArray();

        var entered = Render([new QueueSnapshot { Name = "MC", Exists = true, Calls = calls }], false)
            .TrimEnd('\n').Split('\n').Select(l => l.Split(',')[4]);

        Assert.Equal(["06:00:00", "06:00:01", "06:00:02", "06:00:03", "06:00:04", "06:00:05"], entered);
    }

    [Fact]
    public void Calls_on_both_sides_of_a_daylight_saving_change_each_get_their_own_offset()
    {
        // New York left daylight time at 06:00 UTC on 2009-11-01: 01:59:59 EDT is followed by 01:00:01 EST.
        var before = Waiting("1257055199.1", "1", "10:00:00") with { Entered = new DateTimeOffset(2009, 11, 1, 5, 59, 59, TimeSpan.Zero) };
        var after = Waiting("1257055201.2", "1", "10:00:00") with { Entered = new DateTimeOffset(2009, 11, 1, 6, 0, 1, TimeSpan.Zero) };

        var entered = Render([new QueueSnapshot { Name = "MC", Exists = true, Calls = [before, after] }], false)
            .TrimEnd('\n').Split('\n').Select(l => l.Split(',')[4]);

        Assert.Equal(["01:59:59", "01:00:01"], entered);
    }

    [Fact]
    public void A_caller_a_member_is_ringing_for_is_still_waiting_and_the_agent_falls_back_to_the_channels_device()
    {
        var ringing = Waiting("1.1", "444557400", "10:00:00") with { Status = QueueCallerStatus.Ringing };
        var viaChannel = Connected("1.2", "444557400", "10:00:00", 4) with { MemberInterface = null, AgentChannel = "IAX2/592-0000002a" };

        var lines = Render([new QueueSnapshot { Name = "MC", Exists = true, Calls = [ringing, viaChannel] }], resolveCountries: true);

        Assert.Equal("1.1,444557400,Switzerland,WAITING,06:00:00,,\n1.2,444557400,Switzerland,CONNECTED,06:00:00,4,IAX2/592\n", lines);
    }

    [Fact]
    public void No_calls_render_nothing()
    {
        Assert.Equal("", Render([new QueueSnapshot { Name = "MC", Exists = true }, new QueueSnapshot { Name = "X", Exists = false }], resolveCountries: true));
        Assert.Equal("", Render([], resolveCountries: true));
    }

    [Fact]
    public void A_comma_or_line_break_inside_a_value_becomes_a_space_so_the_columns_hold()
    {
        using var buffer = new IppsBuffer();
        IppsFormat.ChannelLine(buffer, "SIP/5011", new ChannelSnapshot
        {
            Name = "SIP/5011-00000001",
            UniqueId = "1267042128.359",
            CallId = "1267042128.359",
            State = ChannelState.Up,
            CallerIdNumber = "5007",
            CallerIdName = "McManx, John\r\nJr",
            AccountCode = "5007@default",
        });

        Assert.Equal("SIP/5011,up,5007,McManx  John  Jr,5007@default,1267042128.359\n", Encoding.UTF8.GetString(buffer.Written.Span));
    }

    [Theory]
    [InlineData(ChannelState.Down, "down,,,,\n")]
    [InlineData(ChannelState.Busy, "down,,,,\n")]
    [InlineData(ChannelState.Ring, "ring,5007,John McManx,,1.1\n")]
    [InlineData(ChannelState.Ringing, "ringing,5007,John McManx,,1.1\n")]
    [InlineData(ChannelState.Up, "up,5007,John McManx,,1.1\n")]
    public void Channel_states_map_to_the_documents_four_keywords(ChannelState state, string line)
    {
        using var buffer = new IppsBuffer();
        IppsFormat.ChannelLine(buffer, null, new ChannelSnapshot
        {
            Name = "SIP/5011-00000001",
            UniqueId = "1.1",
            CallId = "1.1",
            State = state,
            CallerIdNumber = "5007",
            CallerIdName = "John McManx",
        });

        Assert.Equal(line, Encoding.UTF8.GetString(buffer.Written.Span));
    }

    [Fact]
    public void Non_ASCII_names_are_sent_as_UTF8()
    {
        var reunion = Waiting("1.1", "262262123456", "10:00:00");

        Assert.Equal("1.1,262262123456,Réunion,WAITING,06:00:00,,\n", Render([new QueueSnapshot { Name = "MC", Exists = true, Calls = [reunion] }], true));
    }

    [Fact]
    public void A_long_answer_grows_its_pooled_buffer()
    {
        var calls = Enumerable.Range(0, 2000).Select(i => Connected($"1236606951.{i}", "448450043606", "13:55:51", i % 60)).ToImmutableArray();

        var text = Render([new QueueSnapshot { Name = "MC", Exists = true, Calls = calls }], resolveCountries: true);

        Assert.Equal(2000, text.Count(c => c == '\n'));
        Assert.EndsWith("1236606951.1999,448450043606,United Kingdom,CONNECTED,09:55:51,19,SIP/4002\n", text, StringComparison.Ordinal);
    }

    private static string Render(QueueSnapshot[] queues, bool resolveCountries)
    {
        using var buffer = new IppsBuffer();
        IppsFormat.QueueActive(buffer, queues, Sample, Countries, resolveCountries);
        return Encoding.UTF8.GetString(buffer.Written.Span);
    }

    private static DateTimeOffset Utc(string time) =>
        new(new DateOnly(2009, 3, 9).ToDateTime(TimeOnly.Parse(time, CultureInfo.InvariantCulture)), TimeSpan.Zero);

    private static QueueCallerView Waiting(string callId, string callerId, string utcEntered) => new()
    {
        CallId = callId,
        CallerIdNumber = callerId,
        Entered = Utc(utcEntered),
        Status = QueueCallerStatus.Waiting,
        Position = 1,
    };

    private static QueueCallerView Connected(string callId, string callerId, string utcEntered, int waited) => new()
    {
        CallId = callId,
        CallerIdNumber = callerId,
        Entered = Utc(utcEntered),
        Status = QueueCallerStatus.Connected,
        Connected = Utc(utcEntered).AddSeconds(waited).AddMilliseconds(400),
        MemberInterface = "SIP/4002",
        MemberExtension = "4002",
        AgentChannel = "SIP/4002-00000007",
    };
}
