using System.Collections.Immutable;
using System.Net.Sockets;
using System.Text;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Surfaces.Escaux.Events;
using PbxGrains.Tests.EscauxEvents.Infrastructure;

namespace PbxGrains.Tests.EscauxEvents;

/// <summary>
/// A tenant's events can need its password (<c>tenant {id} {password}</c>); a tenant that does not exist is answered
/// exactly as one whose password was missing or wrong, so the socket does not tell which tenants exist.
/// </summary>
[Collection(EscauxEventsCollection.Name)]
public sealed class EventSocketCredentialTests(EscauxEventsFixture fixture)
{
    private const string Password = "pa ss word";

    [Fact]
    public async Task A_tenant_with_a_password_is_followed_with_it_and_sends_its_events()
    {
        var tenant = await fixture.NewTenantAsync(eventSocketPassword: Password);
        await using var socket = await EventSocketClient.ConnectAsync(fixture.SocketEndpoint, tenant: null);
        await socket.SendLineAsync($"tenant {tenant} {Password}");
        Assert.Equal("0", (string?)(await socket.WaitAsync("evTenant")).Element("Result"));

        using (await fixture.Http.GetAsync($"/t/{tenant}/xml/ccPing.php", TestContext.Current.CancellationToken))
        {
        }

        await socket.WaitAsync("evPong");
    }

    [Fact]
    public async Task No_password_a_wrong_one_and_a_tenant_that_does_not_exist_are_answered_alike_and_closed()
    {
        var tenant = await fixture.NewTenantAsync(eventSocketPassword: Password);
        const string Missing = "nosuchtenant1";

        var answers = new[]
        {
            (await RefusedAsync($"tenant {tenant}")).Replace(tenant, "{id}", StringComparison.Ordinal),
            (await RefusedAsync($"tenant {tenant} wrong")).Replace(tenant, "{id}", StringComparison.Ordinal),
            (await RefusedAsync($"tenant {Missing} {Password}")).Replace(Missing, "{id}", StringComparison.Ordinal),
            (await RefusedAsync($"tenant {Missing}")).Replace(Missing, "{id}", StringComparison.Ordinal),
        };

        Assert.Equal("<evTenant>\n<Tenant>{id}</Tenant>\n<Result>1</Result>\n</evTenant>\n", answers[0]);
        Assert.All(answers, a => Assert.Equal(answers[0], a));
    }

    [Fact]
    public async Task A_connection_whose_default_tenant_needs_a_password_follows_nothing_until_it_names_one()
    {
        // The fixture's default tenant is "default"; a tenant of another id with a password does not change it, so
        // this is the rule itself: a tenant that needs a password is not open.
        var tenant = await fixture.NewTenantAsync(eventSocketPassword: Password);
        var tenants = (EventSocketTenants)fixture.Services.GetService(typeof(EventSocketTenants))!;
        Assert.False(await tenants.IsOpenAsync(tenant));
        Assert.True(await tenants.IsOpenAsync(await fixture.NewTenantAsync()));
    }

    [Fact]
    public void With_credentials_required_every_tenant_needs_its_password_and_one_without_cannot_be_followed()
    {
        var open = EventSocketAccess.Of(new TenantSettings());
        var locked = EventSocketAccess.Of(new TenantSettings
        {
            Surfaces = ImmutableDictionary<string, ImmutableDictionary<string, string>>.Empty
                .Add("escaux", ImmutableDictionary<string, string>.Empty.Add("eventSocketPassword", Password)),
        });

        Assert.True(open.Admits(null, requireCredentials: false));
        Assert.False(open.Admits(null, requireCredentials: true));
        Assert.False(open.Admits("anything", requireCredentials: true));
        Assert.True(locked.Admits(Password, requireCredentials: true));
        Assert.False(locked.Admits(null, requireCredentials: false));
        Assert.False(locked.Admits("wrong", requireCredentials: false));
        Assert.False(EventSocketAccess.Of(null).Admits(Password, requireCredentials: false));
    }

    private async Task<string> RefusedAsync(string line)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(fixture.SocketEndpoint);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"));

        using var deadline = new CancellationTokenSource(EventSocketClient.Deadline);
        var text = new StringBuilder();
        var buffer = new byte[1024];
        int read;
        while ((read = await stream.ReadAsync(buffer, deadline.Token)) > 0)
        {
            text.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        // The connection follows the open default tenant until the line, so only the answer is compared.
        var answer = text.ToString();
        return answer[answer.LastIndexOf("<evTenant>", StringComparison.Ordinal)..];
    }
}
