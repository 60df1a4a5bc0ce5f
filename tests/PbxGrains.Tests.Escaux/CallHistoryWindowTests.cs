using System.Globalization;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Ids;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Tests.Escaux;

/// <summary>dbGetCallHistory reads the calls of its own window: back to the start date, not the whole day before it.</summary>
[Collection(EscauxCollection.Name)]
public sealed class CallHistoryWindowTests(EscauxFixture fixture)
{
    [Fact]
    public async Task The_history_from_a_start_date_has_every_call_after_it_and_none_before_it()
    {
        var demo = await fixture.DemoAsync();
        var day = DateOnly.FromDateTime(fixture.Pbx.Clock.Now.UtcDateTime);
        var dayStart = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

        // 102 placed a one-minute call on the hour, every hour from 01:00 to 08:00, written as calls write their CDRs.
        for (var hour = 1; hour <= 8; hour++)
        {
            var start = dayStart.AddHours(hour);
            var record = new CdrRecord
            {
                UniqueId = UniqueId.Format(start, 900_000 + hour),
                Start = start,
                End = start.AddMinutes(1),
                Duration = 60,
                Disposition = CdrDisposition.NoAnswer,
                Source = "102",
                Destination = "0612345678",
            };
            await fixture.Pbx.Grains.GetGrain<ICdrLogGrain>(Shards.CdrKey(demo, day, record.UniqueId)).AppendAsync(record);
        }

        var from = dayStart.AddHours(5).ToString("yyyy-MM-dd'%20'HH:mm:ss", CultureInfo.InvariantCulture);
        var history = await fixture.XmlAsync(demo, $"/xml/dbGetCallHistory.php?ext=102&limit=20&start_date={from}");
        Assert.Equal(["08", "07", "06", "05"], history.Elements("Call").Select(c => ((string)c.Element("timestamp")!).Substring(11, 2)));

        // A limit still takes the newest first.
        var two = await fixture.XmlAsync(demo, $"/xml/dbGetCallHistory.php?ext=102&limit=2&start_date={from}");
        Assert.Equal(["08", "07"], two.Elements("Call").Select(c => ((string)c.Element("timestamp")!).Substring(11, 2)));
    }
}
