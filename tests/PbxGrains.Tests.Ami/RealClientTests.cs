using System.Text.Json.Nodes;
using PbxGrains.Tests.Ami.Infrastructure;

namespace PbxGrains.Tests.Ami;

/// <summary>
/// The manager socket driven by clients nobody here wrote: npm's <c>asterisk-manager</c> and <c>asterisk-ami-client</c>
/// and Debian's <c>python3-panoramisk</c> (installed by <c>.ci/run</c>; skipped when missing). Each logs in, probes
/// <c>core show version</c>, reads <c>QueueStatus</c> as an event list, originates asynchronously and follows the
/// call's events to its Cdr while the phones answer.
/// </summary>
[Collection(AmiCollection.Name)]
public sealed class RealClientTests(AmiFixture fixture)
{
    private string Port => fixture.Endpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_npm_asterisk_manager_client_logs_in_lists_the_queue_originates_and_follows_the_call()
    {
        ClientScripts.RequireNodePackage("asterisk-manager");
        var result = await RunCallAsync("node", "asterisk-manager.js");

        AssertCall(result);
    }

    [Fact]
    public async Task The_npm_asterisk_ami_client_logs_in_lists_the_queue_originates_and_follows_the_call()
    {
        ClientScripts.RequireNodePackage("asterisk-ami-client");
        var result = await RunCallAsync("node", "asterisk-ami-client.js");

        AssertCall(result);
    }

    [Fact]
    public async Task Panoramisk_logs_in_lists_the_queue_originates_and_follows_the_call()
    {
        var python = ClientScripts.RequirePanoramisk();
        var result = await RunCallAsync(python, "panoramisk_check.py", "call");

        AssertCall(result);
    }

    [Fact]
    public async Task Panoramisk_logs_in_with_the_md5_challenge()
    {
        var python = ClientScripts.RequirePanoramisk();
        var tenant = await fixture.NewTenantAsync();

        var result = await ClientScripts.ResultAsync(ClientScripts.Start(python, "panoramisk_check.py", Port, $"admin@{tenant}", AmiFixture.AdminSecret, "md5"));

        Assert.Equal("Authentication accepted", (string?)result["login"]);
        Assert.Equal("Pong", (string?)result["ping"]);
    }

    [Fact]
    public async Task A_panoramisk_consumer_whose_loop_stops_reading_is_dropped_and_the_pbx_goes_on()
    {
        var python = ClientScripts.RequirePanoramisk();
        var tenant = await fixture.NewTenantAsync();
        await using var healthy = await fixture.LoginAsync(tenant);

        // The flooding session takes no events itself: it would otherwise receive its own flood and, on a busy machine,
        // fall behind first (it was, now and then, the session dropped instead of the script's).
        Assert.Equal("Off", (await healthy.ActionAsync("Events", ("EventMask", "off")))["Events"]);
        var dropped = fixture.Server.OverflowDisconnects;
        var script = ClientScripts.Start(python, "panoramisk_check.py", Port, $"admin@{tenant}", AmiFixture.AdminSecret, "slow", "20");
        Assert.Contains("ready", await script.StandardOutput.ReadLineAsync().WaitAsync(ClientScripts.Deadline) ?? "");

        var sent = 0;
        using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(18)))
        {
            while (fixture.Server.OverflowDisconnects == dropped)
            {
                deadline.Token.ThrowIfCancellationRequested();
                await healthy.SendAsync(string.Concat(Enumerable.Range(0, 50).Select(_ => AmiTestClient.Packet("UserEvent", null, ("UserEvent", "Flood"), ("Padding", new string('x', 200))))));
                sent += 50;
                await Task.Delay(5);
            }
        }

        var result = await ClientScripts.ResultAsync(script);
        Assert.True((bool?)result["disconnected"], result.ToJsonString());
        Assert.Equal("Pong", (await healthy.ActionAsync("Ping"))["Ping"]);
    }

    private async Task<JsonObject> RunCallAsync(string program, string script, params string[] extra)
    {
        var tenant = await fixture.NewTenantAsync();
        await using var phones = await AnsweringPhones.StartAsync(fixture, tenant);
        return await ClientScripts.ResultAsync(ClientScripts.Start(program, script, [Port, $"admin@{tenant}", AmiFixture.AdminSecret, .. extra]));
    }

    private static void AssertCall(JsonObject result)
    {
        Assert.Null(result["error"]);
        Assert.StartsWith("Asterisk 18.", Text(result["version"]));
        Assert.Equal("start", (string?)result["queueResponse"]);
        Assert.Equal(["QueueParams", "QueueMember", "QueueStatusComplete"], result["queue"]!.AsArray().Select(n => (string)n!));
        Assert.Equal("2", (string?)result["queueItems"]);
        Assert.Equal("Originate successfully queued", (string?)result["originateQueued"]);
        Assert.Equal("Success", (string?)result["originate"]!["response"]);
        Assert.Equal("4", (string?)result["originate"]!["reason"]);

        var call = result["call"]!.AsArray().Select(n => (string)n!).ToList();
        var order = string.Join(", ", call);
        Assert.True(call.IndexOf("DialBegin") > 0, order);
        Assert.True(call.IndexOf("DialBegin") < call.IndexOf("DialEnd"), order);
        Assert.True(call.IndexOf("DialEnd") < call.IndexOf("BridgeEnter"), order);
        Assert.True(call.LastIndexOf("BridgeEnter") < call.IndexOf("Hangup"), order);
        Assert.Equal(2, call.Count(e => e == "Hangup"));
        Assert.Equal("Cdr", call[^1]);
        Assert.Equal("ANSWERED", (string?)result["disposition"]);
    }

    /// <summary>A value the client read as text or, for a repeated header, as a list of texts.</summary>
    private static string Text(JsonNode? node) => node switch
    {
        JsonArray list => string.Join('\n', list.Select(n => (string?)n)),
        null => "",
        _ => (string?)node ?? "",
    };
}
