using System.Text.Json.Nodes;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Client;
using PbxGrains.Host.Scenarios;
using PbxGrains.Tests.VoipSun.Infrastructure;
using static PbxGrains.Tests.VoipSun.Infrastructure.VoipSunTenantClient;

namespace PbxGrains.Tests.VoipSun;

/// <summary>
/// The VoIPSUN example scenario (scenarios/voipsun.yaml) holds what the document's examples name, so every example URL answers as the product would
/// (with <c>/t/{tenant}</c> in front and the host's address for IP_PBX). It is loaded under a fresh id without its
/// traffic (a test places the one call the spying examples listen to).
/// </summary>
[Collection(VoipSunCollection.Name)]
public sealed class DemoExampleTests(VoipSunFixture fixture)
{
    private const string Login = "username=voipsun&password=secretpwd";

    [Fact]
    public async Task Every_example_url_of_the_document_answers_on_the_demo_tenant()
    {
        var tenant = await LoadDemoAsync();
        async Task<string> GetAsync(string query) => await tenant.RawAsync($"{Login}&{query}");

        // Line 102 is on an outside call, for the spying examples.
        Assert.True((await fixture.Pbx.DialAsync(tenant.Tenant, new DialRequest { FromExtension = "102", Destination = "800123456" })).IsOk);
        fixture.Time.Advance(TimeSpan.FromSeconds(7));
        await tenant.ChannelsAsync(c => c.Any(l => l.Endpoint == "102" && l.State == ChannelState.Up));

        // Vytočení čísla: the four ways of choosing the line.
        foreach (var source in (string[])["srcExtenPublicNum=299299000", "srcExtenInternalNum=100", "srcExtenId=5", "srcSipUsername=sip100"])
        {
            Assert.Equal(Success, await GetAsync($"action=originate&{source}&dstNum=800123456"));
        }

        var lines = await tenant.ChannelsAsync(c => c.Count(l => l.Endpoint == "100") == 4);
        Assert.Equal(4, lines.Count(l => l.Endpoint == "100" && l.State == ChannelState.Ringing));

        // Akce dial.
        Assert.Equal(Success, await GetAsync("action=dial&dialerCid=299299000&dstNum=800123456&outrouteName=odchozi&context=pospojeni&hangupContext=nevyzvednuto"));
        await tenant.ChannelsAsync(c => c.Any(l => l.Variables.GetValueOrDefault("OUTROUTE") == "odchozi"));

        // Ukončení hovoru: the example's channel does not exist here; hanging it up is not an error.
        Assert.Equal(Success, await GetAsync(@"action=hangupcall&channelName=SIP\5555-0000b704"));

        // Seznam probíhajících hovorů.
        var listed = JsonNode.Parse(await GetAsync("action=listcalls"))!;
        Assert.Equal("true", listed["success"]!.GetValue<string>());
        Assert.Equal(listed["results"]!.AsArray().Count.ToString(System.Globalization.CultureInfo.InvariantCulture), listed["total"]!.GetValue<string>());
        Assert.Contains(listed["results"]!.AsArray(), r => r!["idChannel"]!.GetValue<string>() == "5" && r["sourceType"]!.GetValue<string>() == "extension");

        // Příposlech: the first two examples listen to line 102's call; the third misspells dstSipUsername (so a
        // parameter is missing) and the fourth names a channel this PBX does not have.
        Assert.Equal(Success, await GetAsync("action=spying&srcExtenPublicNum=299299000&dstExtenPublicNum=299299555"));
        Assert.Equal(Success, await GetAsync("action=spying&srcExtenInternalNum=100&dstExtenPublicNum=299299555"));
        AssertError(await GetAsync("action=spying&srcExtenId=5&dstSipUsernamem=sip102"), 120, "Missing required parameters");
        AssertError(await GetAsync("action=spying&srcSipUsername=sip100&dstChannelName=SIP/102-00000001"), 311, "Destination extension not found");

        // Stav registrací SIP kanálů.
        var sip = JsonNode.Parse(await GetAsync("action=sipstatus"))!;
        Assert.True(sip["success"]!.GetValue<bool>());
        Assert.Contains(sip["results"]!.AsArray(), r => r!["user"]!.GetValue<string>() == "sip100" && r["extension_line_id"]!.GetValue<string>() == "5");

        // The call-centre examples, in the order an agent's day runs.
        const string Agent = "agentNumber=1000&agentPin=1234";
        Assert.Equal(Success, await GetAsync($"action=agentlogin&srcExtenInternalNum=100&{Agent}"));
        Assert.Equal(Success, await GetAsync($"action=agentpause&{Agent}"));
        Assert.Equal(Success, await GetAsync($"action=agentunpause&{Agent}"));
        Assert.Equal(Success, await GetAsync($"action=agentadd&{Agent}&queueName=FrontaIT&penalty=1"));
        Assert.StartsWith("""{"success":"true","reason":"Agent 1000 is logged in. Line is """, await GetAsync($"action=agentstatus&{Agent}"), StringComparison.Ordinal);
        var queue = JsonNode.Parse(await GetAsync("action=queuestatus&queueName=FrontaIT"))!["results"]![0]!;
        Assert.Equal(("FrontaIT", "rrordered", "dynamic", "1"), (
            queue["queueName"]!.GetValue<string>(), queue["strategy"]!.GetValue<string>(),
            queue["members"]!["Agent Smith"]!["membership"]!.GetValue<string>(), queue["members"]!["Agent Smith"]!["penalty"]!.GetValue<string>()));
        Assert.Equal(Success, await GetAsync($"action=agentremove&{Agent}&queueName=FrontaIT"));
        Assert.Equal(Success, await GetAsync($"action=agentlogout&{Agent}"));

        // Přesunutí nahrávky: the demo has no CDR 10000 (a CDR's id is its call's unique id or sequence number).
        foreach (var move in (string[])["filename=new_record.wav&path=/mnt/nas_server/asterisk/2018", "path=/mnt/nas_server/asterisk/2018", "filename=new_record.wav"])
        {
            AssertError(await GetAsync($"action=moverecord&cdrId=10000&{move}"), 800, "CDR record not found!");
        }

        foreach (var call in await fixture.Pbx.ListCallsAsync(tenant.Tenant))
        {
            await fixture.Pbx.Call(tenant.Tenant, call.CallId).HangupAsync(null, HangupCause.NormalClearing);
        }
    }

    private async Task<VoipSunTenantClient> LoadDemoAsync()
    {
        var loaded = await new ScenarioLoader(PbxClock.System).ParseFileAsync(Path.Combine(ScenariosFolder(), "voipsun.yaml"), TestContext.Current.CancellationToken);
        Assert.True(loaded.IsValid, loaded.ErrorText);
        var id = $"vsdemo{Guid.NewGuid():N}"[..20];
        var result = await fixture.Pbx.Tenant(id).LoadAsync(loaded.Definition! with { Id = id, Traffic = [] }, replace: false);
        Assert.True(result.IsOk, result.ToString());
        return new VoipSunTenantClient(fixture, id);
    }

    private static string ScenariosFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "PbxGrains.sln")))
            {
                return Path.Combine(folder.FullName, "scenarios");
            }
        }

        throw new DirectoryNotFoundException("The repository's scenarios folder was not found above the test's output.");
    }
}
