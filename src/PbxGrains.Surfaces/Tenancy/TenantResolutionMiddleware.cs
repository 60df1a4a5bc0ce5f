using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using PbxGrains.Abstractions.Ids;

namespace PbxGrains.Surfaces.Tenancy;

/// <summary>
/// Resolves the tenant of every request: a <c>/t/{tenant}/…</c> path prefix first, then a <c>{tenant}.{domain}</c>
/// host name when a domain is configured, else the global default tenant, which
/// <see cref="SurfaceDefaultTenantMiddleware"/> (after routing) replaces with the surface's own default and a surface
/// replaces with the tenant its checked credentials name. A prefix is moved into <c>PathBase</c>, so the endpoints
/// behind it see the vendor's path unchanged and generated links keep the prefix.
/// </summary>
public sealed class TenantResolutionMiddleware(RequestDelegate next, IOptionsMonitor<TenancyOptions> options)
{
    private static readonly PathString Prefix = new("/t");

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var originalPath = request.Path;
        var originalPathBase = request.PathBase;

        if (request.Path.StartsWithSegments(Prefix, out var rest))
        {
            var value = rest.Value ?? "";
            var end = value.IndexOf('/', 1);
            var tenant = value.Length == 0 ? "" : end < 0 ? value[1..] : value[1..end];
            if (!TenantKey.IsValidTenantId(tenant))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            request.PathBase = originalPathBase.Add(Prefix).Add(new PathString("/" + tenant));
            request.Path = end < 0 ? PathString.Empty : new PathString(value[end..]);
            context.Features.Set<ITenantFeature>(new TenantFeature(tenant, TenantSource.PathPrefix));
        }
        else if (TenantFromHost(request.Host.Host, options.CurrentValue.TenantDomain) is { } label)
        {
            if (!TenantKey.IsValidTenantId(label))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            context.Features.Set<ITenantFeature>(new TenantFeature(label, TenantSource.HostName));
        }
        else
        {
            context.Features.Set<ITenantFeature>(new TenantFeature(options.CurrentValue.DefaultTenant, TenantSource.Default));
        }

        try
        {
            await next(context);
        }
        finally
        {
            // Middleware outside this one (and the server's logging) expect the request as it arrived.
            request.Path = originalPath;
            request.PathBase = originalPathBase;
        }
    }

    /// <summary>The part of <paramref name="host"/> in front of <c>.{domain}</c>, lower-cased (host names ignore case).</summary>
    private static string? TenantFromHost(string host, string? domain)
    {
        if (string.IsNullOrEmpty(domain) || host.Length <= domain.Length + 1)
        {
            return null;
        }

        var suffixStart = host.Length - domain.Length;
        if (host[suffixStart - 1] != '.' || !host.AsSpan(suffixStart).Equals(domain, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return host[..(suffixStart - 1)].ToLowerInvariant();
    }
}
