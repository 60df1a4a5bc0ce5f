using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;
using PbxGrains.Tests.Shared.Processes;

namespace PbxGrains.Tests.EndToEnd;

/// <summary>
/// The tenant event stream (what the wallboard follows) served by an API-only process: a plain Orleans client whose
/// subscription reaches the silo's call-event hubs through the gateway.
/// </summary>
public sealed class ApiProcessEventStreamTests
{
    private static readonly TimeSpan StartupLimit = TimeSpan.FromSeconds(90);

    // A bound on waiting for an event, not a measure of speed.
    private static readonly TimeSpan EventLimit = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_API_only_process_streams_a_tenants_call_events_from_the_silo()
    {
        var dll = typeof(ApiProcessEventStreamTests).Assembly.GetCustomAttribute<HostBuildAttribute>()!.Path;
        var gateway = FreePorts.Next().ToString(CultureInfo.InvariantCulture);
        await using var silo = HostProcess.Start(dll, new Dictionary<string, string>
        {
            ["Orleans:SiloPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = gateway,
            ["Escaux:EventSocket:Port"] = "0",
            ["Pbx:Ami:Port"] = "0",
            ["Pbx:LoadScenarios"] = "false",
        }, "silo");
        await silo.WaitReadyAsync(StartupLimit, Ct);
        await using var api = HostProcess.Start(dll, new Dictionary<string, string>
        {
            ["Orleans:Role"] = "Api",
            ["Orleans:GatewayPort"] = gateway,
            ["Escaux:EventSocket:Port"] = "0",
            ["Pbx:Ami:Port"] = "0",
        }, "api");
        await api.WaitReadyAsync(StartupLimit, Ct);

        const string Scenario = "extensions:\n  - {number: \"100\", registered: true, phone: {mode: manual}}\n  - {number: \"101\", registered: true, phone: {mode: manual}}\n";
        using (var created = await api.Http.PutAsync("/sim/tenants/apistream", new StringContent(Scenario, Encoding.UTF8, "application/yaml"), Ct))
        {
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync(Ct));
        }

        using var stream = await api.Http.GetAsync("/sim/tenants/apistream/events", HttpCompletionOption.ResponseHeadersRead, Ct);
        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync(Ct));
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        limit.CancelAfter(EventLimit);
        Assert.Equal("ready", (await NextAsync(reader, limit.Token)).Type);

        using var dialled = await api.Http.PostAsJsonAsync("/sim/tenants/apistream/calls", new { from = "100", to = "101" }, Ct);
        Assert.Equal(HttpStatusCode.Created, dialled.StatusCode);
        var callId = (await dialled.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("callId").GetString();

        while (true)
        {
            var (type, data) = await NextAsync(reader, limit.Token);
            if (type == "calls" && data.EnumerateArray().Any(e => e.TryGetProperty("callId", out var id) && id.GetString() == callId))
            {
                return;
            }
        }
    }

    private static async Task<(string Type, JsonElement Data)> NextAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        var type = "message";
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0 && data.Length > 0)
            {
                return (type, JsonDocument.Parse(data.ToString()).RootElement.Clone());
            }

            if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                type = line[6..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data.Append(line[5..].TrimStart());
            }
        }

        throw new InvalidOperationException("The event stream ended.");
    }
}
