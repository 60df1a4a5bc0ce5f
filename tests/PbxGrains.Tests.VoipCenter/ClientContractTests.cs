using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using PbxGrains.Tests.VoipCenter.Infrastructure;
using static PbxGrains.Tests.VoipCenter.Infrastructure.Customer;

namespace PbxGrains.Tests.VoipCenter;

/// <summary>
/// The requests two public clients of the product send and what they read back, as observed from outside (their code
/// is not used here): the Home Assistant integration (bertouttier/voipcenter-hacs) and tijsverkoyen's PHP class
/// (mirrored as Assista-Plus/VoipCenter, with its test fixtures). Each test sends what the client sends, in its order,
/// and checks only what the client reads.
/// </summary>
[Collection(VoipCenterCollection.Name)]
public sealed class ClientContractTests(VoipCenterFixture fixture)
{
    /// <summary>
    /// The parameters in the client's order, <c>pass</c> last: hex HMAC-SHA256 over name+value of all of them but
    /// <paramref name="unsigned"/> (the PHP class leaves <c>filter</c> out of the signature, and sends it anyway).
    /// </summary>
    private List<KeyValuePair<string, string>> Signed(
        Customer customer, (string Name, string Value)[] own, string[]? unsigned = null, string password = Password)
    {
        unsigned ??= [];
        var all = new List<KeyValuePair<string, string>> { new("apiID", ApiId), new("knummer", customer.Knummer), new("pwd", Pwd(password)) };
        all.AddRange(own.Select(o => KeyValuePair.Create(o.Name, o.Value)));
        all.Add(new("f", "json"));
        all.Add(new("ts", fixture.SurfaceTime.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        all.Add(new("pass", Hmac(PrivateKey, string.Concat(all.Where(p => !unsigned.Contains(p.Key)).Select(p => p.Key + p.Value)))));
        return all;
    }

    /// <summary>What <c>r.json(content_type='text/json charset=utf-8')</c> accepts: that exact Content-Type, then JSON.</summary>
    private static async Task<JsonNode> HomeAssistantJsonAsync(HttpResponseMessage response)
    {
        Assert.Equal("text/json charset=utf-8", ContentType(response));
        return await JsonAsync(response);
    }

    [Fact]
    public async Task Home_assistant_setup_makes_a_switch_per_id_N_key_named_by_its_value()
    {
        var customer = await fixture.NewCustomerAsync();
        using var response = await customer.SendAsync("get.php", Signed(customer, [("m", "indicator"), ("id", "0")]));
        var all = (await HomeAssistantJsonAsync(response)).AsObject();

        // key.split('_')[1] is the indicator id; the value is the switch's name.
        var switches = all.Select(p => (Id: p.Key.Split('_')[1], Name: p.Value!.GetValue<string>())).ToList();
        Assert.Equal([("100", "Nachtstand"), ("101", "Pauze")], switches);
        Assert.All(all, p => Assert.Equal("id", p.Key.Split('_')[0]));
    }

    [Fact]
    public async Task Home_assistant_polls_an_indicator_and_reads_actief_at_the_top_of_the_answer()
    {
        var customer = await fixture.NewCustomerAsync();
        foreach (var (id, actief) in new[] { ("100", "0"), ("101", "1") })
        {
            using var response = await customer.SendAsync("get.php", Signed(customer, [("m", "indicator"), ("id", id)]));
            var answer = await HomeAssistantJsonAsync(response);
            Assert.Equal(actief, answer["actief"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Home_assistant_turns_a_switch_on_and_off_reading_body_status()
    {
        var customer = await fixture.NewCustomerAsync();
        foreach (var p in new[] { "1", "0" })
        {
            using var update = await customer.SendAsync("update.php", Signed(customer, [("m", "indicator"), ("id", "100"), ("p", p)]));
            Assert.Equal("1", (await HomeAssistantJsonAsync(update))["body"]!["status"]!.GetValue<string>());

            using var poll = await customer.SendAsync("get.php", Signed(customer, [("m", "indicator"), ("id", "100")]));
            Assert.Equal(p, (await HomeAssistantJsonAsync(poll))["actief"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Home_assistant_asks_for_a_websocket_key_by_post_and_finds_none_without_an_error()
    {
        var customer = await fixture.NewCustomerAsync();
        using var response = await customer.SendAsync("get.php", Signed(customer, [("m", "wskey"), ("id", "jan")]), post: true);
        var credentials = await HomeAssistantJsonAsync(response);

        // The integration goes on without events when "username" or "wskey" is missing; nothing here is an error.
        Assert.Equal("[]", credentials.ToJsonString());
        AssertData(credentials);

        // The same empty item in the other two formats.
        var own = new[] { ("m", "wskey"), ("id", "jan") };
        using var xml = await customer.SendAsync("get.php", customer.Parameters(own, f: "xml"));
        Assert.Empty(XDocument.Parse(await xml.Content.ReadAsStringAsync()).Root!.Elements());
        using var php = await customer.SendAsync("get.php", customer.Parameters(own, f: "php"));
        Assert.Equal("a:0:{}", await php.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_php_class_lists_sip_accounts_with_every_field_it_maps()
    {
        var customer = await fixture.NewCustomerAsync();
        // getMenu('sipacc'): m, id=0 and an empty filter between them and f, the filter left out of the signature.
        using var response = await customer.SendAsync("get.php", Signed(customer, [("m", "sipacc"), ("id", "0"), ("filter", "")], ["filter"]));
        var answer = await JsonAsync(response);
        Assert.Null(answer["head"]);
        Assert.Null(answer["body"]);

        var rows = answer.AsObject().ToDictionary(p => int.Parse(p.Key.Replace("id_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture), p => p.Value!);
        Assert.Equal([101, 102, 103], rows.Keys);
        string[] mapped = ["logname", "naam", "voornaam", "DIDout", "SIPusername", "userAgent", "SIPping"];
        Assert.All(rows.Values, row => Assert.All(mapped, field => Assert.NotNull(row[field])));

        string Field(int id, string name) => rows[id][name]!.GetValue<string>();
        Assert.Equal(
            ["Bureau Jan", "Peeters", "Jan", "+3225550540", "sipaccount1", "Yealink SIP-T46S 66.86.0.15", "25"],
            mapped.Select(f => Field(101, f)));
        // A line nobody is listed on: its logical name for naam, its own public number; not registered: no agent, no ping.
        Assert.Equal(["Bureau Els", "Bureau Els", "", "+3225550599"], mapped.Take(4).Select(f => Field(102, f)));
        Assert.Equal(["sipaccount3", "", ""], mapped.Skip(4).Select(f => Field(103, f)));
    }

    [Fact]
    public async Task The_php_class_reads_a_did_list_entry_as_the_number_itself()
    {
        var customer = await fixture.NewCustomerAsync();
        using var response = await customer.SendAsync("get.php", Signed(customer, [("m", "did"), ("id", "0"), ("filter", "")], ["filter"]));
        var dids = (await JsonAsync(response)).AsObject().Select(p => (p.Key, p.Value!.GetValue<string>()));
        Assert.Equal([("id_540", "+3225550540"), ("id_541", "+3225550541")], dids);
    }

    [Fact]
    public async Task The_php_class_calls_and_reads_head_and_body_status()
    {
        var customer = await fixture.NewCustomerAsync();
        using var response = await customer.SendAsync("call.php", Signed(customer, [("sipacc", "sipaccount1"), ("telnr", "093950251")]));
        var answer = await JsonAsync(response);
        Assert.Equal("1", answer["head"]!["status"]!.GetValue<string>());
        Assert.Equal("1", answer["body"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_php_class_finds_every_error_in_head_or_body_error_number()
    {
        var customer = await fixture.NewCustomerAsync();
        // A head error: a wrong password (the class throws error_message with error_number as the code).
        using var head = await customer.SendAsync("get.php", Signed(customer, [("m", "sipacc"), ("id", "0"), ("filter", "")], ["filter"], password: "wachtwoord"));
        var headError = await JsonAsync(head);
        Assert.Equal("15", headError["head"]!["error_number"]!.GetValue<string>());
        Assert.Equal("User password incorrect", headError["head"]!["error_message"]!.GetValue<string>());

        // A body error: an id that does not exist; the head's error_number is empty, so the class looks at the body's.
        using var body = await customer.SendAsync("get.php", Signed(customer, [("m", "did"), ("id", "999")]));
        var bodyError = await JsonAsync(body);
        Assert.Equal("", bodyError["head"]!["error_number"]!.GetValue<string>());
        Assert.Equal("2", bodyError["body"]!["error_number"]!.GetValue<string>());
        Assert.Equal("Incorrect ID", bodyError["body"]!["error_message"]!.GetValue<string>());
    }
}
