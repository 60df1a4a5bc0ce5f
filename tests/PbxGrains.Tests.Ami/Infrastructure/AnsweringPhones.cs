namespace PbxGrains.Tests.Ami.Infrastructure;

/// <summary>
/// The phones of a tenant as a person would use them while a real client places a call: each new leg of a phone is
/// answered as it rings, and once both legs of a call are bridged the originating phone hangs up. Runs on its own
/// manager session until disposed.
/// </summary>
public sealed class AnsweringPhones : IAsyncDisposable
{
    private readonly AmiFixture _fixture;
    private readonly AmiTestClient _client;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;

    private AnsweringPhones(AmiFixture fixture, AmiTestClient client)
    {
        _fixture = fixture;
        _client = client;
        _run = RunAsync();
    }

    public static async Task<AnsweringPhones> StartAsync(AmiFixture fixture, string tenant) =>
        new(fixture, await fixture.LoginAsync(tenant));

    private async Task RunAsync()
    {
        var bridged = new Dictionary<string, List<string>>();
        while (!_stop.IsCancellationRequested)
        {
            AmiTestPacket e;
            try
            {
                e = await _client.WaitAsync(p => p.Event is "Newchannel" or "BridgeEnter", "a phone's event").WaitAsync(_stop.Token);
            }
            catch (Exception error) when (error is TimeoutException or OperationCanceledException or IOException)
            {
                continue;
            }

            var channel = e["Channel"]!;
            if (e.Event == "Newchannel" && channel.StartsWith("SIP/10", StringComparison.Ordinal))
            {
                await _fixture.Pbx.AnswerAsync(_client.Tenant, channel);
            }
            else if (e.Event == "BridgeEnter")
            {
                var legs = bridged.TryGetValue(e["Linkedid"]!, out var seen) ? seen : bridged[e["Linkedid"]!] = [];
                legs.Add(channel);
                if (legs.Count == 2)
                {
                    await _fixture.Pbx.HangupAsync(_client.Tenant, legs.FirstOrDefault(l => l.StartsWith("SIP/102-", StringComparison.Ordinal)) ?? legs[0]);
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _run;
        }
        catch (OperationCanceledException)
        {
        }

        await _client.DisposeAsync();
        _stop.Dispose();
    }
}
