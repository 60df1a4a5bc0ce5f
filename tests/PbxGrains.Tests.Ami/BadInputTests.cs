using PbxGrains.Surfaces.Ami;
using PbxGrains.Tests.Ami.Infrastructure;

namespace PbxGrains.Tests.Ami;

/// <summary>
/// The manager socket's part of the bad-input campaign: every action the server serves (its own table, so an action
/// added later is covered) with hostile header values, and bytes that are no protocol at all. Each action gets its
/// response within the client's deadline, the session goes on (a Ping after all of it is answered), and no call appears.
/// </summary>
[Collection(AmiCollection.Name)]
public sealed class BadInputTests(AmiFixture fixture)
{
    private static readonly string[] Hostile =
    [
        "",
        "' OR '1'='1' --",
        "../../../../etc/passwd",
        "${jndi:ldap://x/a}",
        "%s%n%x",
        "\0\u0001\u001f",
        "ÄÖÜ😀",
        "-1",
        "99999999999999999999999",
        new string('9', 900),
    ];

    private static readonly string[] Headers =
    [
        "Channel", "ExtraChannel", "Exten", "Context", "Priority", "CallerID", "Timeout", "Application", "Data", "Variable", "Queue",
        "Interface", "Penalty", "Paused", "Family", "Key", "Val", "Value", "Command", "Filter", "Operation", "EventMask", "Peer", "Endpoint",
    ];

    [Fact]
    public async Task Every_action_answers_hostile_values_and_the_session_goes_on_with_no_call_placed()
    {
        var tenant = await fixture.NewTenantAsync();
        await using var client = await fixture.LoginAsync(tenant);
        var calls = (await fixture.Pbx.ListCallsAsync(tenant)).Length;

        foreach (var action in AmiActions.Names.Where(a => a is not ("Logoff" or "Login")))
        {
            for (var i = 0; i < Hostile.Length; i++)
            {
                var value = Hostile[i];
                var response = await client.ActionAsync(action, [.. Headers.Select(h => (h, (string?)value))]);
                Assert.True(response["Response"] is "Success" or "Error" or "Follows" or "Goodbye", $"{action} with '{value}': {response}");
            }
        }

        // Bytes that are no protocol: headers without a colon, NUL and invalid UTF-8, a flood of headers, a bare blank line.
        await client.SendAsync("no colon here\r\n\0\0\0\r\n\u00ff\u00fe: x\r\n\r\n\r\n");
        await client.SendAsync("Action: Ping\r\n" + string.Concat(Enumerable.Range(0, 2_000).Select(i => $"X-{i}: {i}\r\n")) + "ActionID: flood\r\n\r\n");
        var pong = await client.ActionAsync("Ping");
        Assert.Equal("Pong", pong["Ping"]);
        Assert.Equal(calls, (await fixture.Pbx.ListCallsAsync(tenant)).Length);

        // Ends its session as a client should, so nothing of it is left on the server for the tests after it.
        Assert.Equal("Goodbye", (await client.ActionAsync("Logoff"))["Response"]);
        await client.Closed.WaitAsync(AmiTestClient.Deadline, Ct);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
