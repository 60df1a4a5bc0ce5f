namespace PbxGrains.Abstractions.Ids;

/// <summary>
/// Every grain key carries its tenant: <c>{tenant}/{name}</c>. A name may itself contain slashes
/// (channel names such as <c>SIP/4003-0000b704</c>), so only the first slash separates the two.
/// </summary>
public static class TenantKey
{
    public const string DefaultTenant = "default";

    public static string Of(string tenant, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenant);
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (tenant.Contains('/'))
        {
            throw new ArgumentException("A tenant id cannot contain '/'.", nameof(tenant));
        }

        return string.Concat(tenant, "/", name);
    }

    public static (string Tenant, string Name) Split(string key)
    {
        var slash = key.IndexOf('/');
        if (slash <= 0 || slash == key.Length - 1)
        {
            throw new FormatException($"'{key}' is not a tenant-scoped key.");
        }

        return (key[..slash], key[(slash + 1)..]);
    }

    public static string TenantOf(string key) => Split(key).Tenant;

    public static string NameOf(string key) => Split(key).Name;

    /// <summary>Tenant ids are short, DNS-label-like names, so they fit host names and paths.</summary>
    public static bool IsValidTenantId(string? tenant) =>
        !string.IsNullOrEmpty(tenant) && tenant.Length <= 63 &&
        tenant.All(c => char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_') &&
        char.IsAsciiLetterOrDigit(tenant[0]);
}
