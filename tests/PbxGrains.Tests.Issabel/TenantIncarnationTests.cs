using Microsoft.Extensions.DependencyInjection;
using PbxGrains.Surfaces.Issabel;
using PbxGrains.Tests.Issabel.Infrastructure;

namespace PbxGrains.Tests.Issabel;

/// <summary>A tenant that ends takes its tokens with it: a new tenant of the same id accepts none issued before.</summary>
[Collection(IssabelCollection.Name)]
public sealed class TenantIncarnationTests(IssabelFixture fixture)
{
    [Fact]
    public async Task A_token_issued_before_the_tenant_was_deleted_fails_a_new_tenant_of_the_same_id_and_password()
    {
        var api = new Api(fixture.Http, await fixture.NewTenantAsync());
        var oldToken = await api.LoginAsync();
        Assert.Equal(200, (int)(await api.GetAsync("extensions")).StatusCode);
        var readModel = fixture.Services.GetRequiredService<IssabelReadModel>();
        var oldKey = (await readModel.GetAsync(api.Tenant)).SigningKey;

        Assert.True((await fixture.Pbx.DeleteTenantAsync(api.Tenant)).IsOk);
        await fixture.NewTenantAsync(id: api.Tenant);

        // This process reads a tenant's settings again within a second; the new tenant's key is a new one.
        for (var attempt = 0; attempt < 1500 && (await readModel.GetAsync(api.Tenant)).SigningKey.AsSpan().SequenceEqual(oldKey); attempt++)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        Assert.False((await readModel.GetAsync(api.Tenant)).SigningKey.AsSpan().SequenceEqual(oldKey), "the new tenant has a key of its own");

        // The real server answers a token it did not sign 403 with no body.
        Assert.Equal(403, (int)(await api.GetAsync("extensions")).StatusCode);
        var newToken = await api.LoginAsync();
        Assert.NotEqual(oldToken, newToken);
        Assert.Equal(200, (int)(await api.GetAsync("extensions")).StatusCode);
    }
}
