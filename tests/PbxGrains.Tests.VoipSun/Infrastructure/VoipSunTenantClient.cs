using System.Text.Json.Nodes;
using PbxGrains.Abstractions.Contracts;

namespace PbxGrains.Tests.VoipSun.Infrastructure;

/// <summary>A tenant as an API client sees it: <c>/t/{tenant}/api/api.php?…</c> with the document's user and password.</summary>
public sealed class VoipSunTenantClient(VoipSunFixture fixture, string tenant)
{
    public string Tenant => tenant;

    public VoipSunFixture Fixture => fixture;

    /// <summary>The tenant's VoipCenter customer number.</summary>
    public string Knummer { get; init; } = "";

    /// <summary>The raw answer to a query string (without the leading '?'), sent as is.</summary>
    public async Task<string> RawAsync(string query)
    {
        using var response = await fixture.Http.GetAsync($"/t/{tenant}/api/api.php?{query}");
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/html; charset=UTF-8", string.Join(", ", response.Content.Headers.NonValidated["Content-Type"]));
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>An action with the document's user and password, the parameters URL-encoded in the order given.</summary>
    public Task<string> ActionAsync(string action, params (string Name, string Value)[] parameters) =>
        AsAsync(VoipSunFixture.User, VoipSunFixture.Password, action, parameters);

    public Task<string> AsAsync(string user, string password, string action, params (string Name, string Value)[] parameters)
    {
        var query = $"username={Uri.EscapeDataString(user)}&password={Uri.EscapeDataString(password)}&action={Uri.EscapeDataString(action)}";
        foreach (var (name, value) in parameters)
        {
            query += $"&{Uri.EscapeDataString(name)}={Uri.EscapeDataString(value)}";
        }

        return RawAsync(query);
    }

    public async Task<JsonNode> JsonAsync(string action, params (string Name, string Value)[] parameters) =>
        JsonNode.Parse(await ActionAsync(action, parameters))!;

    /// <summary>Asserts the document's error answer, byte for byte.</summary>
    public static void AssertError(string answer, int errno, string reason) =>
        Assert.Equal(
            "{\"success\":\"false\",\"errno\":\"" + errno + "\",\"reason\":" + System.Text.Json.JsonSerializer.Serialize(reason, PhpString).Replace("/", "\\/", StringComparison.Ordinal) + "}",
            answer);

    public const string Success = "{\"success\":\"true\"}";

    private static readonly System.Text.Json.JsonSerializerOptions PhpString = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The tenant's live channels, once <paramref name="until"/> holds (bounded polling: listings lag one way).</summary>
    public async Task<IReadOnlyList<ChannelSnapshot>> ChannelsAsync(Func<IReadOnlyList<ChannelSnapshot>, bool> until)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var channels = await fixture.Pbx.ListChannelsAsync(tenant);
            if (until(channels) || DateTime.UtcNow > deadline)
            {
                return channels;
            }

            await Task.Delay(20);
        }
    }

    /// <summary>The tenant's live calls, once <paramref name="until"/> holds (bounded polling: listings lag one way).</summary>
    public async Task<IReadOnlyList<CallSnapshot>> CallsAsync(Func<IReadOnlyList<CallSnapshot>, bool> until)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var calls = await fixture.Pbx.ListCallsAsync(tenant);
            if (until(calls) || DateTime.UtcNow > deadline)
            {
                return calls;
            }

            await Task.Delay(20);
        }
    }

    /// <summary>The tenant's one live call, once it is listed.</summary>
    public async Task<CallSnapshot> SingleCallAsync() => (await CallsAsync(c => c.Count == 1)).Single();

    /// <summary>Answers the ringing channel of an extension.</summary>
    public async Task AnswerAsync(string extension)
    {
        var view = await fixture.Pbx.Extension(tenant, extension).GetAsync();
        var ringing = view.Channels.Single(c => c.State == Abstractions.Model.ChannelState.Ringing);
        var answered = await fixture.Pbx.AnswerAsync(tenant, ringing.Name);
        Assert.True(answered.IsOk, answered.ToString());
    }
}
