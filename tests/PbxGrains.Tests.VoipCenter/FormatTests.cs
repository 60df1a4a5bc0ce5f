using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using PbxGrains.Tests.VoipCenter.Infrastructure;
using static PbxGrains.Tests.VoipCenter.Infrastructure.Customer;

namespace PbxGrains.Tests.VoipCenter;

/// <summary>
/// Every menu in every format: the same data in PHP serialize, JSON and XML, each with the product's content type. A
/// successful get.php is the data itself in all three (no head/body: see <c>VoipCenterAnswer</c>).
/// </summary>
[Collection(VoipCenterCollection.Name)]
public sealed class FormatTests(VoipCenterFixture fixture)
{
    public static TheoryData<string, int> Menus => new()
    {
        { "sipacc", 0 }, { "sipacc", 101 }, { "did", 0 }, { "did", 540 }, { "feestdagen", 0 }, { "feestdagen", 10 },
        { "vakanties", 0 }, { "vakanties", 20 }, { "kantooruren", 0 }, { "kantooruren", 30 }, { "routes", 0 }, { "routes", 140 },
        { "backuproutes", 0 }, { "backuproutes", 150 }, { "calls", 0 }, { "indicator", 0 }, { "indicator", 100 },
        { "hddesk", 0 }, { "hddesk", 100 }, { "hdtemplate", 0 }, { "hdtemplate", 50 },
    };

    [Theory]
    [MemberData(nameof(Menus))]
    public async Task Every_menu_answers_alike_in_json_xml_and_php(string menu, int id)
    {
        var customer = await fixture.NewCustomerAsync();
        var own = new[] { ("m", menu), ("id", id.ToString(CultureInfo.InvariantCulture)) };

        using var json = await customer.SendAsync("get.php", customer.Parameters(own, f: "json"));
        Assert.Equal("text/json charset=utf-8", ContentType(json));
        var answer = JsonNode.Parse(await json.Content.ReadAsStringAsync())!;
        AssertData(answer);

        using var xml = await customer.SendAsync("get.php", customer.Parameters(own, f: "xml"));
        Assert.Equal("text/xml; charset=UTF-8", ContentType(xml));
        var document = XDocument.Parse(await xml.Content.ReadAsStringAsync());
        Assert.True(JsonNode.DeepEquals(Normalize(answer), FromXml(document.Root!)), $"{document}\n{answer.ToJsonString()}");

        using var php = await customer.SendAsync("get.php", customer.Parameters(own, f: "php"));
        Assert.Equal("text/html; charset=UTF-8", ContentType(php));
        var serialized = System.Text.Encoding.UTF8.GetString(await php.Content.ReadAsByteArrayAsync());
        // The serialized array of the same entries, in the same order (PHP's unserialize is checked below when php is there).
        var first = answer is JsonObject { Count: > 0 } map ? map.First().Key : null;
        Assert.StartsWith($"a:{(answer as JsonObject)?.Count ?? 0}:{{" + (first is null ? "}" : $"s:{first.Length}:\"{first}\";"), serialized, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_list_is_the_bare_map_keyed_id_N_and_one_indicator_is_its_state_alone()
    {
        var customer = await fixture.NewCustomerAsync();
        var list = (await customer.GetAsync("sipacc", 0)).AsObject();
        Assert.Equal(["id_101", "id_102", "id_103"], list.Select(p => p.Key));
        Assert.Equal("sipaccount1", list["id_101"]!["sipaccount"]!.GetValue<string>());
        Assert.Equal("1", list["id_101"]!["geregistreerd"]!.GetValue<string>());

        Assert.Equal("""{"actief":"1"}""", (await customer.GetAsync("indicator", 101)).ToJsonString());
    }

    [Fact]
    public async Task A_filter_keeps_items_whose_name_or_number_contains_it()
    {
        var customer = await fixture.NewCustomerAsync();
        Assert.Equal(["id_101", "id_102"], (await customer.GetAsync("sipacc", 0, filter: "bureau")).AsObject().Select(p => p.Key));
        Assert.Equal(["id_541"], (await customer.GetAsync("did", 0, filter: "550541")).AsObject().Select(p => p.Key));
        // Nothing found is an empty PHP array, which json_encode writes as [].
        Assert.Equal("[]", (await customer.GetAsync("did", 0, filter: "nothing")).ToJsonString());
    }

    [Fact]
    public async Task Calls_are_listed_by_day_with_the_documented_filter()
    {
        var customer = await fixture.NewCustomerAsync();
        var call = await fixture.Pbx.InboundAsync(customer.Tenant, new() { CallerIdNumber = "021234567", Destination = "8102" });
        Assert.True(call.IsOk, call.ToString());
        Assert.True((await fixture.Pbx.HangupAsync(customer.Tenant, call.Value!.Legs[0].Name)).IsOk);

        var day = fixture.Time.GetUtcNow().ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var calls = (await customer.GetAsync("calls", 0, filter: day)).AsObject();
        var item = Assert.Single(calls).Value!;
        Assert.Equal("021234567", item["van"]!.GetValue<string>());
        Assert.Equal("8102", item["naar"]!.GetValue<string>());
        Assert.Equal("[]", (await customer.GetAsync("calls", 0, filter: "20250101")).ToJsonString());
    }

    [Fact]
    public async Task A_call_is_read_by_its_id_through_the_index_as_the_days_list_shows_it()
    {
        var customer = await fixture.NewCustomerAsync();
        var call = await fixture.Pbx.InboundAsync(customer.Tenant, new() { CallerIdNumber = "021234567", Destination = "8102" });
        Assert.True(call.IsOk, call.ToString());
        Assert.True((await fixture.Pbx.HangupAsync(customer.Tenant, call.Value!.Legs[0].Name)).IsOk);

        var day = fixture.Time.GetUtcNow().ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var listed = Assert.Single((await customer.GetAsync("calls", 0, filter: day)).AsObject()).Value!;
        var id = int.Parse(listed["id"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        Assert.Equal(listed.ToJsonString(), (await customer.GetAsync("calls", id)).ToJsonString());
        AssertBodyError(await customer.GetAsync("calls", id + 1_000_000), 2);
    }

    [Fact]
    public async Task Post_is_answered_like_get()
    {
        var customer = await fixture.NewCustomerAsync();
        using var response = await customer.SendAsync("get.php", customer.Parameters([("m", "did"), ("id", "540")]), post: true);
        var answer = await JsonAsync(response);
        AssertData(answer);
        Assert.Equal("+3225550540", answer["nummer"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("sipacc", 0)]
    [InlineData("did", 0)]
    [InlineData("indicator", 0)]
    [InlineData("did", 540)]
    [InlineData("kantooruren", 0)]
    [InlineData("indicator", 100)]
    [InlineData("hddesk", 0)]
    public async Task Php_itself_unserializes_the_php_answer_to_the_json_answer(string menu, int id)
    {
        if (!OnPath("php"))
        {
            Assert.Skip("php is not installed: apt-get install php-cli");
        }

        var customer = await fixture.NewCustomerAsync();
        var own = new[] { ("m", menu), ("id", id.ToString(CultureInfo.InvariantCulture)) };
        using var php = await customer.SendAsync("get.php", customer.Parameters(own, f: "php"));
        var serialized = await php.Content.ReadAsByteArrayAsync();
        using var json = await customer.SendAsync("get.php", customer.Parameters(own, f: "json"));
        var expected = await json.Content.ReadAsStringAsync();

        var start = new ProcessStartInfo("php", ["-r", "$a = unserialize(stream_get_contents(STDIN)); if ($a === false) { exit(3); } echo json_encode($a);"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        await process.StandardInput.BaseStream.WriteAsync(serialized);
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"php exited with {process.ExitCode}: {await process.StandardError.ReadToEndAsync()}");
        // PHP's own json_encode of what it unserialized is byte for byte the JSON answer.
        Assert.Equal(expected, output);
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Any(dir => dir.Length > 0 && File.Exists(Path.Combine(dir, program)));

    /// <summary>JSON with empty arrays as empty objects, as XML cannot tell them apart.</summary>
    private static JsonNode Normalize(JsonNode node) => node switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)Normalize(p.Value!)))),
        JsonArray { Count: 0 } => new JsonObject(),
        _ => JsonValue.Create(node.GetValue<string>()),
    };

    /// <summary>The XML answer as JSON: the root (<c>&lt;response&gt;</c>) is always an array, even when empty.</summary>
    private static JsonNode FromXml(XElement element) => element.HasElements
        ? new JsonObject(element.Elements().Select(e => KeyValuePair.Create(e.Name.LocalName, (JsonNode?)FromXml(e))))
        : element.Parent is null ? new JsonObject() : JsonValue.Create(element.Value);
}
