using System.Globalization;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Tests.Cluster.Infrastructure;

namespace PbxGrains.Tests.Cluster.Placement;

public sealed class SpreadTests(ClusterFixture fixture) : ClusterTest(fixture)
{
    private const int Calls = 24;

    [Fact]
    public async Task Many_calls_at_once_spread_over_both_silos_and_each_one_works()
    {
        var callers = Enumerable.Range(0, Calls).Select(i => (4100 + (2 * i)).ToString(CultureInfo.InvariantCulture)).ToArray();
        var callees = Enumerable.Range(0, Calls).Select(i => (4101 + (2 * i)).ToString(CultureInfo.InvariantCulture)).ToArray();
        var t = await LoadAsync([.. callers.Select(n => Define.Phone(n)), .. callees.Select(Define.AutoAnswer)]);

        var calls = await Task.WhenAll(callers.Zip(callees, (from, to) =>
            Pbx.DialAsync(t.Id, new DialRequest { FromExtension = from, Destination = to })));
        Assert.All(calls, c => Assert.True(c.IsOk, c.ToString()));
        await Task.WhenAll(callees.Select(n => t.DeviceStateAsync(n, DeviceState.Ringing)));

        var management = Fixture.Cluster.Client.GetGrain<IManagementGrain>(0);
        var silos = await Task.WhenAll(calls.Select(c => management.GetActivationAddress(Pbx.Call(t.Id, c.Value!.CallId)).AsTask()));
        Assert.Equal(2, silos.Where(s => s is not null).Distinct().Count());

        Advance(1);
        await Task.WhenAll(calls.Select(c => t.CallUntilAsync(c.Value!.CallId, s => s.Phase == CallPhase.Connected, "connected")));
        Assert.Equal(Calls, (await t.CallsAsync()).Length);
        Advance(60);

        await Task.WhenAll(calls.Select(c => Pbx.Call(t.Id, c.Value!.CallId).HangupAsync(null, HangupCause.NormalClearing)));
        var cdrs = await Wait.Until(t.CdrsAsync, all => all.Length == Calls, "every call to have its CDR");
        Assert.All(cdrs, c => Assert.Equal((CdrDisposition.Answered, 60), (c.Disposition, c.BillSec)));
        await Task.WhenAll(calls.Select(c => t.IsGoneAsync(c.Value!.CallId)));
        await Task.WhenAll(callers.Concat(callees).Select(n => t.DeviceStateAsync(n, DeviceState.NotInUse)));
    }
}
