using PbxGrains.Abstractions.Ids;

namespace PbxGrains.Host.Api.Security;

/// <summary>
/// Who may use the control API (<c>Pbx:ControlApi</c>): <c>AdminKey</c> may do everything; <c>TenantKeys:{tenant}</c>
/// may act on that one tenant's <c>/sim/tenants/{tenant}</c> and below. With no key at all the control API is open, but
/// to loopback callers only (the developer's <c>dotnet run</c>); see <see cref="ControlApiKeyHandler"/>.
/// </summary>
public sealed class ControlApiOptions
{
    public const string SectionName = "Pbx:ControlApi";

    /// <summary>Shorter keys are refused at start: a key is a password that nobody types.</summary>
    public const int MinKeyLength = 16;

    public string? AdminKey { get; set; }

    public Dictionary<string, string> TenantKeys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>No key is configured: loopback callers are let in as administrators, others are refused.</summary>
    public bool IsOpen => string.IsNullOrEmpty(AdminKey) && TenantKeys.Values.All(string.IsNullOrEmpty);

    public static IEnumerable<string> Check(ControlApiOptions options, string section)
    {
        if (options.AdminKey is { Length: > 0 and < MinKeyLength })
        {
            yield return $"{section}:AdminKey must be at least {MinKeyLength} characters.";
        }

        foreach (var (tenant, key) in options.TenantKeys.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            if (!TenantKey.IsValidTenantId(tenant))
            {
                yield return $"{section}:TenantKeys:{tenant}: '{tenant}' is not a valid tenant id.";
            }
            else if (key.Length < MinKeyLength)
            {
                yield return $"{section}:TenantKeys:{tenant} must be at least {MinKeyLength} characters.";
            }
            else if (key == options.AdminKey || options.TenantKeys.Any(other => other.Key != tenant && other.Value == key))
            {
                // One key, one caller: a shared key would make the caller it names depend on lookup order.
                yield return $"{section}:TenantKeys:{tenant} is the same key as another caller's.";
            }
        }
    }
}
