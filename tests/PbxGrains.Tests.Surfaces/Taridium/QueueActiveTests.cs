using System.Net;
using PbxGrains.Surfaces.Taridium;
using PbxGrains.Tests.Surfaces.Infrastructure;

namespace PbxGrains.Tests.Surfaces.Taridium;

/// <summary><c>/ipps/queueactive.php</c>: every field, res_cc on and off, caller id kinds, merged queues and the errors.</summary>
public sealed class QueueActiveTests(SurfaceFixture fixture) : IppsTest(fixture)
{
    [Fact]
    public async Task An_idle_queue_answers_an_empty_page()
    {
        var tenant = await LoadAsync(Open, [Phone("4002")], Queue("MC", "600", "4002"));

        var reply = await GetAsync(tenant, "/ipps/queueactive.php?queue_name=MC&res_cc=1");

        Assert.Equal((HttpStatusCode.OK, "", 0, 0L), (reply.Status, reply.Body, reply.Length, reply.ContentLength));
        Assert.Equal(TaridiumAnswer.ContentTypeValue, reply.ContentType);
    }

    [Fact]
    public async Task A_waiting_and_a_connected_call_show_every_field_with_and_without_res_cc()
    {
        var tenant = await LoadAsync(Open, [Phone("4002")], Queue("MC", "600", "4002"));
        var entered = Time.GetUtcNow();
        var first = await InboundAsync(tenant, "600", "448450043606");
        var ringing = await RingingAsync(tenant, "4002");
        Time.Advance(TimeSpan.FromSeconds(4));
        var second = await InboundAsync(tenant, "600", "99532356420");
        Time.Advance(TimeSpan.FromSeconds(3));
        await AnswerAsync(tenant, ringing);

        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var firstAt = TimeZoneInfo.ConvertTime(entered, newYork).ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        var secondAt = TimeZoneInfo.ConvertTime(entered.AddSeconds(4), newYork).ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        await EventuallyAsync(tenant, "/ipps/queueactive.php?queue_name=MC&res_cc=1",
            $"{first.CallId},448450043606,United Kingdom,CONNECTED,{firstAt},7,SIP/4002\n" +
            $"{second.CallId},99532356420,Georgia,WAITING,{secondAt},,\n");

        // Without res_cc the country column stays, empty.
        Assert.Equal(
            $"{first.CallId},448450043606,,CONNECTED,{firstAt},7,SIP/4002\n{second.CallId},99532356420,,WAITING,{secondAt},,\n",
            (await GetAsync(tenant, "/ipps/queueactive.php?queue_name=MC")).Body);
        Assert.Equal(
            $"{first.CallId},448450043606,,CONNECTED,{firstAt},7,SIP/4002\n{second.CallId},99532356420,,WAITING,{secondAt},,\n",
            (await GetAsync(tenant, "/ipps/queueactive.php?queue_name=MC&res_cc=0")).Body);
    }

    [Theory]
    [InlineData("792074279", "Switzerland")]           // nine digits: domestic, the default country
    [InlineData("0441234567", "")]                     // ten digits starting 0: no calling code
    [InlineData("0041791234567", "Switzerland")]       // the international prefix 00 and then 41
    [InlineData("+12124611807", "North America and Caribbean")]
    [InlineData("6596489564", "Singapore")]
    [InlineData("688677809010", "Tuvalu")]
    [InlineData("unknown", "")]
    [InlineData("private", "")]
    [InlineData("restricted", "")]
    public async Task Caller_ids_resolve_to_countries_as_the_tenant_configures(string callerId, string country)
    {
        var tenant = await LoadAsync(Open, [Phone("4002")], Queue("MC", "600", "4002"));
        var call = await InboundAsync(tenant, "600", callerId);

        var line = Assert.Single((await GetAsync(tenant, "/ipps/queueactive.php?queue_name=MC&res_cc=1")).Lines);

        Assert.StartsWith($"{call.CallId},{callerId},{country},WAITING,", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_call_without_caller_id_has_neither_caller_id_nor_country()
    {
        var tenant = await LoadAsync(Open, [Phone("4002")], Queue("MC", "600", "4002"));
        var call = await InboundAsync(tenant, "600", "");

        var line = Assert.Single((await GetAsync(tenant, "/ipps/queueactive.php?queue_name=MC&res_cc=1")).Lines);

        Assert.StartsWith($"{call.CallId},,,WAITING,", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_tenant_setting_changes_the_domestic_length_the_default_country_and_the_time_zone()
    {
        var settings = Ipps(("ippsenabled", "1"), ("domesticnumbermaxlen", "10"), ("defaultcountryid", "BE"), ("timezone", "Europe/Brussels"));
        var tenant = await LoadAsync(settings, [Phone("4002")], Queue("MC", "600", "4002"));
        var entered = Time.GetUtcNow();
        var call = await InboundAsync(tenant, "600", "6596489564");

        var brussels = TimeZoneInfo.ConvertTime(entered, TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels"));
        Assert.Equal($"{call.CallId},6596489564,Belgium,WAITING,{brussels:HH:mm:ss},,\n",
            (await GetAsync(tenant, "/ipps/queueactive.php?queue_name=MC&res_cc=1")).Body);
    }

    [Fact]
    public async Task Without_a_time_zone_ENTERED_is_UTC()
    {
        var tenant = await LoadAsync(Ipps(("IPPSEnabled", "true")), [Phone("4002")], Queue("MC", "600", "4002"));
        var entered = Time.GetUtcNow();
        var call = await InboundAsync(tenant, "600", "792074279");

        // No DefaultCountryID: a domestic number has no country to show.
        Assert.Equal($"{call.CallId},792074279,,WAITING,{entered.UtcDateTime:HH:mm:ss},,\n",
            (await GetAsync(tenant, "/ipps/queueactive.php?queue_name=MC&res_cc=1")).Body);
    }

    [Fact]
    public async Task Merged_queues_list_their_calls_together_in_the_order_they_entered()
    {
        var tenant = await LoadAsync(Open, [Phone("4002"), Phone("4003")], Queue("MC", "600", "4002"), Queue("Support", "601", "4003"));
        var first = await InboundAsync(tenant, "601", "448450043606");
        Time.Advance(TimeSpan.FromSeconds(2));
        var second = await InboundAsync(tenant, "600", "99532356420");
        Time.Advance(TimeSpan.FromSeconds(2));
        var third = await InboundAsync(tenant, "601", "6596489564");

        var merged = await GetAsync(tenant, "/ipps/queueactive.php?queue_name=MC,Support,MC,NoSuchQueue&res_cc=1");

        Assert.Equal([first.CallId, second.CallId, third.CallId], merged.Lines.Select(l => l.Split(',')[0]));
        Assert.Equal([second.CallId], (await GetAsync(tenant, "/ipps/queueactive.php?queue_name=MC")).Lines.Select(l => l.Split(',')[0]));
        Assert.Equal("", (await GetAsync(tenant, "/ipps/queueactive.php?queue_name=NoSuchQueue")).Body);
    }

    [Theory]
    [InlineData("/ipps/queueactive.php")]
    [InlineData("/ipps/queueactive.php?queue_name=")]
    [InlineData("/ipps/queueactive.php?queue_name=,,")]
    [InlineData("/ipps/queueactive.php?res_cc=1")]
    public async Task No_queue_name_answers_the_documented_error(string path)
    {
        var tenant = await LoadAsync(Open, [Phone("4002")], Queue("MC", "600", "4002"));

        var reply = await GetAsync(tenant, path);

        Assert.Equal((HttpStatusCode.OK, "ERROR: NO QUEUE NAME SUPPLIED", TaridiumAnswer.ContentTypeValue), (reply.Status, reply.Body, reply.ContentType));
    }
}
