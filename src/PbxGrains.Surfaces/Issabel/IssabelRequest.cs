using Microsoft.AspNetCore.Http;
using PbxGrains.Client;
using PbxGrains.Surfaces.Tenancy;

namespace PbxGrains.Surfaces.Issabel;

/// <summary>
/// A pbxapi request as its handlers see it: the HTTP request, its tenant and the services every handler shares, bound
/// for each request (<c>[AsParameters]</c>).
/// </summary>
/// <param name="Context">The HTTP request.</param>
/// <param name="Pbx">The call model.</param>
/// <param name="ReadModel">The tenants' pbxapi settings.</param>
/// <param name="Tokens">The token maker and checker.</param>
public sealed record class IssabelRequest(HttpContext Context, PbxClient Pbx, IssabelReadModel ReadModel, IssabelTokens Tokens)
{
    public string Tenant => Context.GetTenant();

    /// <summary>The tenant's pbxapi settings.</summary>
    public ValueTask<IssabelSettings> SettingsAsync() => ReadModel.GetAsync(Tenant);
}
