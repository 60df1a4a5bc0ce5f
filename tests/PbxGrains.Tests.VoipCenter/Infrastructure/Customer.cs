using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace PbxGrains.Tests.VoipCenter.Infrastructure;

/// <summary>
/// A VoipCenter customer as a client sees it: it builds and signs requests exactly as the document's PHP does, with
/// its own hashing (never the surface's code).
/// </summary>
public sealed class Customer(VoipCenterFixture fixture, string tenant, string knummer)
{
    public const string ApiId = "pi990000tst";
    public const string Password = "password";
    public const string PrivateKey = "test-private-key";

    public string Tenant => tenant;

    public string Knummer => knummer;

    /// <summary>$hashed = hash('sha256', md5("password")): both hex, lower case.</summary>
    public static string Pwd(string plaintext) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(plaintext))))));

    /// <summary>hash_hmac('sha256', $tobehashed, $privateKey).</summary>
    public static string Hmac(string key, string text) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(text)));

    /// <summary>
    /// The parameters of a signed request: apiID, knummer, pwd, the script's own (in order), f, ts, and pass over
    /// name+value of them all (without filter). The other arguments replace one part of it (to break one thing).
    /// </summary>
    public List<KeyValuePair<string, string>> Parameters(
        (string Name, string Value)[] own, string f = "json", long? ts = null, string key = PrivateKey, string password = Password,
        string apiId = ApiId, string? filter = null, string? knummerOverride = null)
    {
        var all = new List<KeyValuePair<string, string>>
        {
            new("apiID", apiId),
            new("knummer", knummerOverride ?? knummer),
            new("pwd", Pwd(password)),
        };
        all.AddRange(own.Select(o => new KeyValuePair<string, string>(o.Name, o.Value)));
        all.Add(new("f", f));
        all.Add(new("ts", (ts ?? fixture.SurfaceTime.GetUtcNow().ToUnixTimeSeconds()).ToString(CultureInfo.InvariantCulture)));
        var signed = string.Concat(all.Select(p => p.Key + p.Value));
        all.Add(new("pass", Hmac(key, signed)));
        if (filter is not null)
        {
            all.Add(new("filter", filter));
        }

        return all;
    }

    public static string Query(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join('&', parameters.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));

    /// <param name="from">The request's source address (<see cref="VoipCenterFixture.RemoteAddressHeader"/>); an address of its own when null.</param>
    public Task<HttpResponseMessage> SendAsync(string script, IEnumerable<KeyValuePair<string, string>> parameters, bool post = false, string? from = null)
    {
        var request = post
            ? new HttpRequestMessage(HttpMethod.Post, $"/api/{script}") { Content = new FormUrlEncodedContent(parameters) }
            : new HttpRequestMessage(HttpMethod.Get, $"/api/{script}?{Query(parameters)}");
        if (from is not null)
        {
            request.Headers.Add(VoipCenterFixture.RemoteAddressHeader, from);
        }

        return fixture.Http.SendAsync(request);
    }

    public async Task<JsonNode> GetAsync(string menu, int id, string? filter = null, string f = "json")
    {
        using var response = await SendAsync("get.php", Parameters([("m", menu), ("id", id.ToString(CultureInfo.InvariantCulture))], f: f, filter: filter));
        return await JsonAsync(response);
    }

    public async Task<JsonNode> UpdateAsync(string menu, int id, string p)
    {
        using var response = await SendAsync("update.php", Parameters([("m", menu), ("id", id.ToString(CultureInfo.InvariantCulture)), ("p", p)]));
        return await JsonAsync(response);
    }

    public async Task<JsonNode> CallAsync(string sipacc, string telnr)
    {
        using var response = await SendAsync("call.php", Parameters([("sipacc", sipacc), ("telnr", telnr)]));
        return await JsonAsync(response);
    }

    public static async Task<JsonNode> JsonAsync(HttpResponseMessage response)
    {
        Assert.Equal(200, (int)response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    public static string ContentType(HttpResponseMessage response) =>
        string.Join(", ", response.Content.Headers.NonValidated["Content-Type"]);

    /// <summary>Asserts the head's and body's status and error numbers ("" for none).</summary>
    public static void AssertStatus(JsonNode answer, string head, string headError, string body, string bodyError)
    {
        Assert.Equal(head, answer["head"]!["status"]!.GetValue<string>());
        Assert.Equal(headError, answer["head"]!["error_number"]!.GetValue<string>());
        Assert.Equal(body, answer["body"]!["status"]!.GetValue<string>());
        Assert.Equal(bodyError, answer["body"]!["error_number"]!.GetValue<string>());
    }

    /// <summary>A call.php or update.php that succeeded: head and body both status 1 without an error.</summary>
    public static void AssertOk(JsonNode answer) => AssertStatus(answer, "1", "", "1", "");

    /// <summary>
    /// A get.php that succeeded: the data itself, with neither <c>head</c> nor <c>body</c> (an empty list is PHP's
    /// empty array, <c>[]</c>), so the PHP client's check of <c>head.error_number</c> finds nothing.
    /// </summary>
    public static void AssertData(JsonNode answer) =>
        Assert.True(answer is JsonObject o ? o["head"] is null && o["body"] is null : answer is JsonArray { Count: 0 }, answer.ToJsonString());

    public static void AssertHeadError(JsonNode answer, int code) => AssertStatus(answer, "0", code.ToString(CultureInfo.InvariantCulture), "0", "");

    public static void AssertBodyError(JsonNode answer, int code) => AssertStatus(answer, "1", "", "0", code.ToString(CultureInfo.InvariantCulture));
}
