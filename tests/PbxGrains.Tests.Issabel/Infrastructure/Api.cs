using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PbxGrains.Tests.Issabel.Infrastructure;

/// <summary>Requests as the document's curl examples send them, to one tenant's <c>/t/{tenant}/pbxapi</c>.</summary>
public sealed class Api(HttpClient http, string tenant)
{
    public string Tenant => tenant;

    public string? Token { get; set; }

    public string Url(string path) => $"/t/{tenant}/pbxapi/{path}";

    public async Task<string> LoginAsync(string user = "admin", string password = "yourpassword")
    {
        using var response = await http.PostAsync(Url("authenticate"), new FormUrlEncodedContent([new("user", user), new("password", password)]));
        Assert.Equal(200, (int)response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Token = body["access_token"]!.GetValue<string>();
        return Token;
    }

    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? json)
    {
        var request = new HttpRequestMessage(method, Url(path));
        if (Token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return http.SendAsync(request);
    }

    public static async Task<JsonNode> JsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    public static JsonNode Golden(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", name)))!;

    /// <summary>The payload of a JWT, decoded.</summary>
    public static JsonNode Payload(string jwt, int part = 1)
    {
        var segment = jwt.Split('.')[part].Replace('-', '+').Replace('_', '/');
        segment = segment.PadRight(segment.Length + ((4 - (segment.Length % 4)) % 4), '=');
        return JsonNode.Parse(Convert.FromBase64String(segment))!;
    }

    /// <summary>
    /// Compares a whole answer. A listing expected as the document shows it (<c>{"results":[…]}</c>) must carry the
    /// real server's <c>"status":"success"</c> too, and is otherwise compared as the document has it.
    /// </summary>
    public static void AssertJsonEqual(JsonNode expected, JsonNode actual)
    {
        if (expected is JsonObject e && e.ContainsKey("results") && !e.ContainsKey("status") && actual is JsonObject a)
        {
            Assert.Equal("success", a["status"]?.GetValue<string>());
            actual = new JsonObject(a.Where(p => p.Key != "status").Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
        }

        Assert.True(JsonNode.DeepEquals(expected, actual), $"expected {expected.ToJsonString()}\nactual   {actual.ToJsonString()}");
    }

    public static async Task AssertErrorAsync(HttpResponseMessage response, int status, string detailContains)
    {
        Assert.Equal(status, (int)response.StatusCode);
        var body = await JsonAsync(response);
        Assert.Equal("fail", body["status"]!.GetValue<string>());
        var errors = body["errors"]!.AsArray();
        Assert.Contains(errors, e => e!["status"]!.GetValue<string>() == status.ToString(System.Globalization.CultureInfo.InvariantCulture) &&
            e["detail"]!.GetValue<string>().Contains(detailContains, StringComparison.Ordinal));
    }

    public static JsonSerializerOptions Options { get; } = new();
}
