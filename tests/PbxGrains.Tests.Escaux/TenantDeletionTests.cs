using System.Globalization;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Ids;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Tests.Escaux;

/// <summary>A deleted tenant's call history is not a new tenant's of the same id.</summary>
[Collection(EscauxCollection.Name)]
public sealed class TenantDeletionTests(EscauxFixture fixture)
{
    [Fact]
    public async Task DbGetCallHistory_of_a_new_tenant_of_a_deleted_ones_id_is_empty()
    {
        var demo = await fixture.DemoAsync();
        var day = DateOnly.FromDateTime(fixture.Pbx.Clock.Now.UtcDateTime);
        var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddHours(1);
        var record = new CdrRecord
        {
            UniqueId = UniqueId.Format(start, 910_001),
            Start = start,
            End = start.AddMinutes(1),
            Duration = 60,
            Disposition = CdrDisposition.NoAnswer,
            Source = "102",
            Destination = "0612345678",
        };
        await fixture.Pbx.Grains.GetGrain<ICdrLogGrain>(Shards.CdrKey(demo, day, record.UniqueId)).AppendAsync(record);

        var from = start.AddHours(-1).ToString("yyyy-MM-dd'%20'HH:mm:ss", CultureInfo.InvariantCulture);
        var history = $"/xml/dbGetCallHistory.php?ext=102&limit=20&start_date={from}";
        Assert.Single((await fixture.XmlAsync(demo, history)).Elements("Call"));

        Assert.True((await fixture.Pbx.DeleteTenantAsync(demo)).IsOk);
        var again = await fixture.Pbx.Tenant(demo).LoadAsync(fixture.DemoDefinition with { Id = demo }, replace: false);
        Assert.True(again.IsOk, again.ToString());

        Assert.Empty((await fixture.XmlAsync(demo, history)).Elements("Call"));
    }
}
