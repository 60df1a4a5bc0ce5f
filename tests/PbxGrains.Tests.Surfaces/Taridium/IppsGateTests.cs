using System.Net;
using PbxGrains.Surfaces.Taridium;
using PbxGrains.Tests.Surfaces.Infrastructure;

namespace PbxGrains.Tests.Surfaces.Taridium;

/// <summary>What every IPPS request passes first: IPPS enabled, SSL, authentication; and the tenant boundary.</summary>
public sealed class IppsGateTests(SurfaceFixture fixture) : IppsTest(fixture)
{
    private const string ChannelPath = "/ipps/channelinfo.php?channel=SIP/4002";
    private const string QueuePath = "/ipps/queueactive.php?queue_name=MC&res_cc=1";

    private static readonly (string, string) Right = ("myuser", "pass");

    public static TheoryData<string> Paths => [ChannelPath, QueuePath];

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task A_tenant_without_IPPS_enabled_answers_404_with_an_empty_body(string path)
    {
        var notEnabled = await LoadAsync(Ipps(("IPPSUser", "myuser"), ("IPPSPassword", "pass")), [Phone("4002")], Queue("MC", "600", "4002"));
        var disabled = await LoadAsync(Ipps(("IPPSEnabled", "false")), [Phone("4002")], Queue("MC", "600", "4002"));
        var noSection = await LoadAsync(null, [Phone("4002")], Queue("MC", "600", "4002"));
        var unreadable = await LoadAsync(Ipps(("IPPSEnabled", "maybe")), [Phone("4002")], Queue("MC", "600", "4002"));

        foreach (var tenant in new[] { notEnabled, disabled, noSection, unreadable })
        {
            var reply = await GetAsync(tenant, path, Right);
            Assert.Equal((HttpStatusCode.NotFound, ""), (reply.Status, reply.Body));
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task A_tenant_that_does_not_exist_answers_like_a_disabled_one(string path)
    {
        var reply = await GetAsync(NewTenantId(), path, Right);

        Assert.Equal((HttpStatusCode.NotFound, ""), (reply.Status, reply.Body));
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task With_a_user_and_password_a_request_without_them_fails_authentication(string path)
    {
        var tenant = await LoadAsync(Secured(), [Phone("4002")], Queue("MC", "600", "4002"));

        var reply = await GetAsync(tenant, path);

        Assert.Equal((HttpStatusCode.Unauthorized, "ERROR: AUTHENTICATION FAILED", TaridiumAnswer.ContentTypeValue), (reply.Status, reply.Body, reply.ContentType));
        Assert.Equal("Basic realm=\"IPPS\"", reply.Challenge);
    }

    [Theory]
    [InlineData("myuser", "wrong")]
    [InlineData("other", "pass")]
    [InlineData("myuser", "")]
    [InlineData("", "")]
    [InlineData("MYUSER", "pass")]
    public async Task Wrong_credentials_fail_authentication(string user, string password)
    {
        var tenant = await LoadAsync(Secured(), [Phone("4002")], Queue("MC", "600", "4002"));

        foreach (var path in new[] { ChannelPath, QueuePath })
        {
            var reply = await GetAsync(tenant, path, (user, password));
            Assert.Equal((HttpStatusCode.Unauthorized, "ERROR: AUTHENTICATION FAILED"), (reply.Status, reply.Body));
        }
    }

    [Theory]
    [InlineData("Basic !!!not-base64")]
    [InlineData("Basic bXl1c2VycGFzcw==")] // "myuserpass": no colon
    [InlineData("Bearer bXl1c2VyOnBhc3M=")] // the right credentials under another scheme
    public async Task A_malformed_authorization_header_fails_authentication(string header)
    {
        var tenant = await LoadAsync(Secured(), [Phone("4002")], Queue("MC", "600", "4002"));

        var reply = await GetAsync(tenant, ChannelPath, configure: r => r.Headers.TryAddWithoutValidation("Authorization", header));

        Assert.Equal((HttpStatusCode.Unauthorized, "ERROR: AUTHENTICATION FAILED"), (reply.Status, reply.Body));
    }

    [Fact]
    public async Task The_right_credentials_are_answered()
    {
        var tenant = await LoadAsync(Secured(), [Phone("4002")], Queue("MC", "600", "4002"));

        Assert.Equal((HttpStatusCode.OK, "down,,,,\n"), Pair(await GetAsync(tenant, ChannelPath, Right)));
        Assert.Equal((HttpStatusCode.OK, ""), Pair(await GetAsync(tenant, QueuePath, Right)));
    }

    [Fact]
    public async Task A_user_without_a_password_still_needs_the_user_and_an_empty_password()
    {
        var tenant = await LoadAsync(Ipps(("IPPSEnabled", "true"), ("IPPSUser", "myuser")), [Phone("4002")]);

        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(tenant, ChannelPath)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(tenant, ChannelPath, ("myuser", "pass"))).Status);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(tenant, ChannelPath, ("myuser", ""))).Status);
    }

    [Fact]
    public async Task Without_a_user_or_password_credentials_are_ignored()
    {
        var tenant = await LoadAsync(Open, [Phone("4002")]);

        Assert.Equal((HttpStatusCode.OK, "down,,,,\n"), Pair(await GetAsync(tenant, ChannelPath)));
        Assert.Equal((HttpStatusCode.OK, "down,,,,\n"), Pair(await GetAsync(tenant, ChannelPath, ("anyone", "anything"))));
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task With_SSL_required_plain_HTTP_is_refused_even_with_the_right_credentials(string path)
    {
        var tenant = await LoadAsync(Secured(("IPPSRequireSSL", "TRUE")), [Phone("4002")], Queue("MC", "600", "4002"));

        var reply = await GetAsync(tenant, path, Right);

        Assert.Equal((HttpStatusCode.OK, "ERROR: SSL QUERY REQUIRED", TaridiumAnswer.ContentTypeValue), (reply.Status, reply.Body, reply.ContentType));
    }

    [Fact]
    public async Task With_SSL_required_HTTPS_is_answered_and_still_authenticated()
    {
        var tenant = await LoadAsync(Secured(("IPPSRequireSSL", "true")), [Phone("4002")], Queue("MC", "600", "4002"));

        Assert.Equal((HttpStatusCode.OK, "down,,,,\n"), Pair(await GetAsync(tenant, ChannelPath, Right, https: true)));
        Assert.Equal((HttpStatusCode.OK, ""), Pair(await GetAsync(tenant, QueuePath, Right, https: true)));
        Assert.Equal((HttpStatusCode.Unauthorized, "ERROR: AUTHENTICATION FAILED"), Pair(await GetAsync(tenant, ChannelPath, ("myuser", "x"), https: true)));
    }

    [Fact]
    public async Task SSL_required_without_credentials_configured_needs_only_HTTPS()
    {
        var tenant = await LoadAsync(Ipps(("IPPSEnabled", "true"), ("IPPSRequireSSL", "yes")), [Phone("4002")]);

        Assert.Equal("ERROR: SSL QUERY REQUIRED", (await GetAsync(tenant, ChannelPath)).Body);
        Assert.Equal("down,,,,\n", (await GetAsync(tenant, ChannelPath, https: true)).Body);
    }

    [Fact]
    public async Task An_unreadable_SSL_flag_requires_SSL()
    {
        var tenant = await LoadAsync(Ipps(("IPPSEnabled", "true"), ("IPPSRequireSSL", "sometimes")), [Phone("4002")]);

        Assert.Equal("ERROR: SSL QUERY REQUIRED", (await GetAsync(tenant, ChannelPath)).Body);
    }

    [Fact]
    public async Task A_forwarded_proto_header_is_not_trusted_unless_the_host_is_configured_for_forwarded_headers()
    {
        var tenant = await LoadAsync(Ipps(("IPPSEnabled", "true"), ("IPPSRequireSSL", "true")), [Phone("4002")]);

        var reply = await GetAsync(tenant, ChannelPath, configure: r => r.Headers.Add("X-Forwarded-Proto", "https"));

        Assert.Equal("ERROR: SSL QUERY REQUIRED", reply.Body);
    }

    [Fact]
    public async Task The_gates_come_before_the_arguments_SSL_before_authentication()
    {
        var tenant = await LoadAsync(Secured(("IPPSRequireSSL", "true")), [Phone("4002")]);

        Assert.Equal("ERROR: SSL QUERY REQUIRED", (await GetAsync(tenant, "/ipps/channelinfo.php")).Body);
        Assert.Equal("ERROR: AUTHENTICATION FAILED", (await GetAsync(tenant, "/ipps/channelinfo.php", https: true)).Body);
        Assert.Equal("ERROR: AUTHENTICATION FAILED", (await GetAsync(tenant, "/ipps/queueactive.php", https: true)).Body);
        Assert.Equal("ERROR: NO CHANNEL SUPPLIED", (await GetAsync(tenant, "/ipps/channelinfo.php", Right, https: true)).Body);
        Assert.Equal("ERROR: NO QUEUE NAME SUPPLIED", (await GetAsync(tenant, "/ipps/queueactive.php", Right, https: true)).Body);
    }

    [Fact]
    public async Task Another_tenants_queue_and_channels_are_not_visible()
    {
        var mine = await LoadAsync(Open, [Phone("4002")], Queue("MC", "600", "4002"));
        var theirs = await LoadAsync(Secured(), [Phone("4002")], Queue("MC", "600", "4002"));
        var call = await InboundAsync(theirs, "600", "99532356420");
        await RingingAsync(theirs, "4002");

        Assert.Single((await GetAsync(theirs, QueuePath, Right)).Lines);
        Assert.Equal("", (await GetAsync(mine, QueuePath)).Body);
        Assert.Equal("down,,,,\n", (await GetAsync(mine, ChannelPath)).Body);
        Assert.Equal("SIP/4002,down,,,,\n", (await GetAsync(mine, $"/ipps/channelinfo.php?channel=SIP/4002&useid=1")).Body);

        // Their credentials open nothing of mine that I do not show anyway, and mine (none) open nothing of theirs.
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(theirs, QueuePath)).Status);
        Assert.DoesNotContain(call.CallId, (await GetAsync(mine, "/ipps/queueactive.php?queue_name=MC,Support", Right)).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HEAD_has_the_headers_of_GET_without_a_body_and_POST_reads_the_query_string()
    {
        var tenant = await LoadAsync(Open, [Phone("4002")]);

        var head = await GetAsync(tenant, ChannelPath, method: HttpMethod.Head);
        Assert.Equal((HttpStatusCode.OK, "", 9L, TaridiumAnswer.ContentTypeValue), (head.Status, head.Body, head.ContentLength, head.ContentType));
        Assert.Equal((HttpStatusCode.OK, "down,,,,\n"), Pair(await GetAsync(tenant, ChannelPath, method: HttpMethod.Post)));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await GetAsync(tenant, ChannelPath, method: HttpMethod.Put)).Status);
    }

    private static System.Collections.Immutable.ImmutableDictionary<string, string> Secured(params (string, string)[] more) =>
        Ipps([("IPPSEnabled", "true"), ("IPPSUser", "myuser"), ("IPPSPassword", "pass"), .. more]);

    private static (HttpStatusCode, string) Pair(IppsReply reply) => (reply.Status, reply.Body);
}
