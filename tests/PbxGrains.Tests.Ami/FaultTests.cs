using Microsoft.Extensions.DependencyInjection;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Surfaces.Faults;
using PbxGrains.Tests.Shared;
using PbxGrains.Tests.Ami.Infrastructure;

namespace PbxGrains.Tests.Ami;

/// <summary>A tenant's transport faults on the manager interface: what each kind does to an action, and to nothing else.</summary>
[Collection(AmiCollection.Name)]
public sealed class FaultTests(AmiFixture fixture)
{
    private async Task<string> TenantWithFaultAsync(FaultRule fault)
    {
        var tenant = await fixture.NewTenantAsync();
        var added = await fixture.Pbx.Tenant(tenant).AddFaultAsync(fault);
        Assert.True(added.IsOk, added.ToString());

        await fixture.Services.GetRequiredService<TenantFaultRules>().HoldsAsync(tenant, added.Value!.Id, TestContext.Current.CancellationToken);
        return tenant;
    }

    [Fact]
    public async Task A_vendor_error_is_Response_Error_for_the_action_it_names_only()
    {
        var tenant = await TenantWithFaultAsync(new FaultRule { Kind = FaultKind.VendorError, Surface = "ami", Endpoint = "queuestatus", ErrorMessage = "Queue engine down" });
        await using var client = await fixture.LoginAsync(tenant);

        var failed = await client.ActionAsync("QueueStatus");
        Assert.Equal(("Error", "Queue engine down"), (failed["Response"], failed["Message"]));
        Assert.Equal("Success", (await client.ActionAsync("Ping"))["Response"]);
        Assert.Contains(fixture.Services.GetRequiredService<FiredFaults>().Of(tenant), f => f.Endpoint == "QueueStatus" && f.Client == "admin@127.0.0.1");
    }

    [Fact]
    public async Task A_swallowed_action_gets_no_response_while_the_next_one_does()
    {
        var tenant = await TenantWithFaultAsync(new FaultRule { Kind = FaultKind.EmptyResponse, Surface = "ami", Endpoint = "CoreShowChannels" });
        await using var client = await fixture.LoginAsync(tenant);

        await client.SendAsync(AmiTestClient.Packet("CoreShowChannels", "lost-1"));
        Assert.Equal("Success", (await client.ActionAsync("Ping"))["Response"]);

        // Actions are answered in turn: the ping's answer came after the swallowed one would have.
        lock (client.Seen)
        {
            Assert.DoesNotContain(client.Seen, p => p["ActionID"] == "lost-1");
        }
    }

    [Fact]
    public async Task A_reset_closes_the_connection_and_only_for_its_user()
    {
        var tenant = await TenantWithFaultAsync(new FaultRule { Kind = FaultKind.ConnectionReset, Surface = "ami", Endpoint = "Ping", Client = "reader" });
        await using var admin = await fixture.LoginAsync(tenant);
        await using var reader = await fixture.LoginAsync(tenant, "reader", AmiFixture.ReaderSecret);

        Assert.Equal("Success", (await admin.ActionAsync("Ping"))["Response"]);
        await reader.SendAsync(AmiTestClient.Packet("Ping", "reset-1"));
        await reader.Closed.WaitAsync(AmiTestClient.Deadline, TestContext.Current.CancellationToken);
        lock (reader.Seen)
        {
            Assert.DoesNotContain(reader.Seen, p => p["ActionID"] == "reset-1");
        }
    }

    [Fact]
    public async Task A_fault_on_the_connection_drops_its_users_session_by_time_and_not_the_others()
    {
        var tenant = await TenantWithFaultAsync(new FaultRule { Kind = FaultKind.ConnectionReset, Surface = "ami", Endpoint = "connection", Client = "reader" });
        await using var admin = await fixture.LoginAsync(tenant);
        await using var reader = await fixture.LoginAsync(tenant, "reader", AmiFixture.ReaderSecret);

        // Each second of a connection counts as one request: the reader's connection goes within a second or two.
        await reader.Closed.WaitAsync(AmiTestClient.Deadline, TestContext.Current.CancellationToken);
        Assert.Equal("Success", (await admin.ActionAsync("Ping"))["Response"]);
        Assert.False(admin.Closed.IsCompleted);
        Assert.Contains(fixture.Services.GetRequiredService<FiredFaults>().Of(tenant), f => f is { Endpoint: "connection", Client: "reader@127.0.0.1" });
    }

    [Fact]
    public async Task A_kind_a_socket_cannot_carry_does_not_match_it()
    {
        var tenant = await TenantWithFaultAsync(new FaultRule { Kind = FaultKind.HttpStatus, Status = 503 });
        await using var client = await fixture.LoginAsync(tenant);

        Assert.Equal("Success", (await client.ActionAsync("Ping"))["Response"]);
        Assert.Empty(fixture.Services.GetRequiredService<FiredFaults>().Of(tenant));
    }
}
