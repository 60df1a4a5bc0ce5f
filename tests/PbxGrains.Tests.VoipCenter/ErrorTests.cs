using PbxGrains.Tests.VoipCenter.Infrastructure;
using static PbxGrains.Tests.VoipCenter.Infrastructure.Customer;

namespace PbxGrains.Tests.VoipCenter;

/// <summary>Every error code of the document ("D. Error Codes"), each provoked.</summary>
[Collection(VoipCenterCollection.Name)]
public sealed class ErrorTests(VoipCenterFixture fixture)
{
    private static readonly (string, string)[] AllSipAccounts = [("m", "sipacc"), ("id", "0")];

    private async Task<JsonNodeAnswer> GetAsync(Customer customer, List<KeyValuePair<string, string>> parameters, string script = "get.php")
    {
        using var response = await customer.SendAsync(script, parameters);
        return new JsonNodeAnswer(await JsonAsync(response));
    }

    [Fact]
    public async Task A_correctly_signed_request_is_accepted()
    {
        var customer = await fixture.NewCustomerAsync();
        AssertData((await GetAsync(customer, customer.Parameters(AllSipAccounts))).Node);
    }

    [Theory]
    [InlineData("pass")]
    [InlineData("ts")]
    [InlineData("apiID")]
    [InlineData("knummer")]
    [InlineData("pwd")]
    [InlineData("m")]
    [InlineData("f")]
    public async Task A_missing_parameter_is_head_error_10(string missing)
    {
        var customer = await fixture.NewCustomerAsync();
        var parameters = customer.Parameters(AllSipAccounts).Where(p => p.Key != missing).ToList();
        AssertHeadError((await GetAsync(customer, parameters)).Node, 10);
    }

    [Fact]
    public async Task A_timestamp_within_five_seconds_passes_and_one_beyond_is_head_error_11()
    {
        var customer = await fixture.NewCustomerAsync();
        var now = fixture.SurfaceTime.GetUtcNow().ToUnixTimeSeconds();
        AssertData((await GetAsync(customer, customer.Parameters(AllSipAccounts, ts: now - 5))).Node);
        AssertData((await GetAsync(customer, customer.Parameters(AllSipAccounts, ts: now + 5))).Node);
        AssertHeadError((await GetAsync(customer, customer.Parameters(AllSipAccounts, ts: now - 6))).Node, 11);
        AssertHeadError((await GetAsync(customer, customer.Parameters(AllSipAccounts, ts: now + 6))).Node, 11);

        // A request signed now and arriving six seconds later (on the fake clock) is refused.
        var signed = customer.Parameters(AllSipAccounts);
        fixture.SurfaceTime.Advance(TimeSpan.FromSeconds(6));
        AssertHeadError((await GetAsync(customer, signed)).Node, 11);
    }

    [Fact]
    public async Task An_unknown_format_or_a_timestamp_that_is_not_a_number_is_head_error_12()
    {
        var customer = await fixture.NewCustomerAsync();
        AssertHeadError((await GetAsync(customer, customer.Parameters(AllSipAccounts, f: "csv"))).Node, 12);
        var parameters = customer.Parameters(AllSipAccounts).Select(p => p.Key == "ts" ? new KeyValuePair<string, string>("ts", "yesterday") : p).ToList();
        AssertHeadError((await GetAsync(customer, parameters)).Node, 12);
    }

    [Fact]
    public async Task Too_many_requests_of_one_api_user_are_head_error_13_until_the_window_passes()
    {
        var customer = await fixture.NewCustomerAsync();
        for (var i = 0; i < VoipCenterFixture.RateLimit; i++)
        {
            AssertData((await GetAsync(customer, customer.Parameters([("m", "indicator"), ("id", "100")]))).Node);
        }

        AssertHeadError((await GetAsync(customer, customer.Parameters([("m", "indicator"), ("id", "100")]))).Node, 13);
        // Another customer's API user has its own count.
        var other = await fixture.NewCustomerAsync();
        AssertData((await GetAsync(other, other.Parameters(AllSipAccounts))).Node);

        fixture.SurfaceTime.Advance(TimeSpan.FromSeconds(61));
        AssertData((await GetAsync(customer, customer.Parameters([("m", "indicator"), ("id", "100")]))).Node);
    }

    [Fact]
    public async Task A_signature_with_the_wrong_key_or_over_other_values_is_head_error_14()
    {
        var customer = await fixture.NewCustomerAsync();
        AssertHeadError((await GetAsync(customer, customer.Parameters(AllSipAccounts, key: "not the key"))).Node, 14);
        var tampered = customer.Parameters(AllSipAccounts).Select(p => p.Key == "m" ? new KeyValuePair<string, string>("m", "did") : p).ToList();
        AssertHeadError((await GetAsync(customer, tampered)).Node, 14);
    }

    [Fact]
    public async Task A_wrong_password_or_an_unknown_customer_number_is_head_error_15()
    {
        var customer = await fixture.NewCustomerAsync();
        AssertHeadError((await GetAsync(customer, customer.Parameters(AllSipAccounts, password: "wachtwoord"))).Node, 15);
        AssertHeadError((await GetAsync(customer, customer.Parameters(AllSipAccounts, knummerOverride: "999999"))).Node, 15);
    }

    // 16 ("API user not allowed") is never answered: it told an existing customer from one that is not.
    [Fact]
    public async Task An_api_user_the_customer_does_not_have_is_head_error_15_as_for_an_unknown_customer()
    {
        var customer = await fixture.NewCustomerAsync();
        var unknownUser = await GetAsync(customer, customer.Parameters(AllSipAccounts, apiId: "pi990001tst"));
        var unknownCustomer = await GetAsync(customer, customer.Parameters(AllSipAccounts, apiId: "pi990001tst", knummerOverride: "999999"));
        AssertHeadError(unknownUser.Node, 15);
        Assert.Equal(unknownCustomer.Node.ToJsonString(), unknownUser.Node.ToJsonString());
    }

    [Fact]
    public async Task Wrongly_signed_requests_do_not_spend_the_api_users_rate_so_nobody_without_the_key_locks_it_out()
    {
        var customer = await fixture.NewCustomerAsync();
        for (var i = 0; i < VoipCenterFixture.RateLimit + 5; i++)
        {
            AssertHeadError((await GetAsync(customer, customer.Parameters(AllSipAccounts, key: "not the key"))).Node, 14);
        }

        AssertData((await GetAsync(customer, customer.Parameters(AllSipAccounts))).Node);
    }

    [Fact]
    public async Task An_address_with_too_many_failed_checks_is_head_error_13_for_a_window_and_other_addresses_are_not()
    {
        var customer = await fixture.NewCustomerAsync();
        const string Guesser = "192.0.2.77";
        async Task<JsonNodeAnswer> FromAsync(string from, List<KeyValuePair<string, string>> parameters)
        {
            using var response = await customer.SendAsync("get.php", parameters, from: from);
            return new JsonNodeAnswer(await JsonAsync(response));
        }

        for (var i = 0; i < VoipCenterFixture.FailedAttemptsPerAddress; i++)
        {
            // Unknown customers, wrong signatures and wrong passwords all count.
            var parameters = (i % 3) switch
            {
                0 => customer.Parameters(AllSipAccounts, knummerOverride: "999999"),
                1 => customer.Parameters(AllSipAccounts, key: "not the key"),
                _ => customer.Parameters(AllSipAccounts, password: "wachtwoord"),
            };
            Assert.NotEqual("13", (await FromAsync(Guesser, parameters)).Node["head"]!["error_number"]!.GetValue<string>());
        }

        AssertHeadError((await FromAsync(Guesser, customer.Parameters(AllSipAccounts))).Node, 13);
        AssertData((await FromAsync("192.0.2.78", customer.Parameters(AllSipAccounts))).Node);

        fixture.SurfaceTime.Advance(TimeSpan.FromSeconds(301));
        AssertData((await FromAsync(Guesser, customer.Parameters(AllSipAccounts))).Node);
    }

    [Theory]
    [InlineData("get.php", "m=voicemail|id=0")]
    [InlineData("get.php", "m=sipacc|id=abc")]
    [InlineData("get.php", "m=sipacc|id=101|filter=bureau")]
    [InlineData("get.php", "m=calls|id=0|filter=2026-03-02")]
    [InlineData("get.php", "m=wskey|id=jan|filter=bureau")]
    [InlineData("update.php", "m=sipacc|id=101|p=1")]
    [InlineData("update.php", "m=did|id=540|p=x10")]
    [InlineData("update.php", "m=did|id=540|p=r999")]
    [InlineData("update.php", "m=did|id=540|p=r140,r141")]
    [InlineData("update.php", "m=indicator|id=100|p=2")]
    [InlineData("update.php", "m=hddesk|id=100|p=t999")]
    [InlineData("call.php", "sipacc=sipaccount1|telnr=12ab")]
    [InlineData("call.php", "sipacc=sipaccount1|telnr=0012")]
    public async Task A_parameter_that_is_not_correct_is_head_error_17(string script, string parameters)
    {
        var customer = await fixture.NewCustomerAsync();
        var pairs = parameters.Split('|').Select(p => p.Split('=', 2)).ToList();
        var filter = pairs.FirstOrDefault(p => p[0] == "filter")?[1];
        var own = pairs.Where(p => p[0] != "filter").Select(p => (p[0], p[1])).ToArray();
        AssertHeadError((await GetAsync(customer, customer.Parameters(own, filter: filter), script)).Node, 17);
    }

    [Fact]
    public async Task A_customer_whose_pbx_is_gone_is_body_error_1()
    {
        var customer = await fixture.NewCustomerAsync();
        AssertData((await GetAsync(customer, customer.Parameters([("m", "did"), ("id", "0")]))).Node);
        // The read model still knows the customer (its clock has not moved); its PBX no longer answers.
        await fixture.Pbx.DeleteTenantAsync(customer.Tenant);
        AssertBodyError((await GetAsync(customer, customer.Parameters([("m", "did"), ("id", "0")]))).Node, 1);
    }

    [Theory]
    [InlineData("get.php", "did", "999")]
    [InlineData("get.php", "sipacc", "999")]
    [InlineData("get.php", "indicator", "999")]
    [InlineData("update.php", "did", "999")]
    [InlineData("update.php", "indicator", "999")]
    [InlineData("update.php", "hddesk", "999")]
    public async Task An_id_that_does_not_exist_is_body_error_2(string script, string menu, string id)
    {
        var customer = await fixture.NewCustomerAsync();
        (string, string)[] own = script == "get.php"
            ? [("m", menu), ("id", id)]
            : [("m", menu), ("id", id), ("p", menu switch { "did" => "r140", "indicator" => "1", _ => "s101" })];
        AssertBodyError((await GetAsync(customer, customer.Parameters(own), script)).Node, 2);
    }

    [Fact]
    public async Task A_sip_account_that_does_not_exist_is_body_error_20()
    {
        var customer = await fixture.NewCustomerAsync();
        AssertBodyError(await customer.CallAsync("sipaccount9", "021234567"), 20);
    }

    [Fact]
    public async Task A_sip_account_that_cannot_be_rung_is_body_error_21()
    {
        var customer = await fixture.NewCustomerAsync();
        AssertBodyError(await customer.CallAsync("sipaccount3", "021234567"), 21);
    }

    [Fact]
    public async Task Logging_a_sip_account_that_does_not_exist_in_at_a_hot_desk_is_body_error_25()
    {
        var customer = await fixture.NewCustomerAsync();
        AssertBodyError(await customer.UpdateAsync("hddesk", 100, "s999"), 25);
    }

    [Fact]
    public async Task A_path_prefix_naming_another_tenant_does_not_reach_the_customer()
    {
        var customer = await fixture.NewCustomerAsync();
        var other = await fixture.NewCustomerAsync();
        using var response = await fixture.Http.GetAsync($"/t/{other.Tenant}/api/get.php?{Query(customer.Parameters(AllSipAccounts))}");
        AssertHeadError(await JsonAsync(response), 15);
    }

    private sealed record class JsonNodeAnswer(System.Text.Json.Nodes.JsonNode Node);
}
