using System.Security.Cryptography;
using System.Text;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Surfaces.Settings;

namespace PbxGrains.Surfaces.Escaux.Events;

/// <summary>
/// Who may follow a tenant's events on the event socket: anyone, or a consumer that names the tenant's
/// <c>surfaces.escaux.eventSocketPassword</c> (<c>tenant {id} {password}</c>). A tenant with a password needs it; with
/// <see cref="EventSocketOptions.RequireCredentials"/> every tenant does, and one without a password cannot be followed.
/// </summary>
public sealed class EventSocketAccess
{
    public const string PasswordKey = "eventSocketPassword";

    private static readonly EventSocketAccess NoTenant = new(exists: false, null);

    private readonly byte[]? _passwordHash;

    private EventSocketAccess(bool exists, string? password)
    {
        Exists = exists;
        _passwordHash = string.IsNullOrEmpty(password) ? null : Hash(password);
    }

    public bool Exists { get; }

    public bool HasPassword => _passwordHash is not null;

    public static EventSocketAccess Of(TenantSettings? settings) =>
        settings is null ? NoTenant : new(exists: true, SurfaceSettingValues.Of(settings, EscauxApi.Surface.Name)[PasswordKey]);

    /// <summary>Whether a consumer must give a password to follow this tenant.</summary>
    public bool NeedsPassword(bool requireCredentials) => requireCredentials || HasPassword;

    /// <summary>
    /// Whether a consumer that gave <paramref name="password"/> (null: none) may follow this tenant. A tenant that does
    /// not exist is refused as one whose password was wrong, so the answer does not tell which tenants exist.
    /// </summary>
    public bool Admits(string? password, bool requireCredentials)
    {
        if (!Exists)
        {
            return false;
        }

        if (!NeedsPassword(requireCredentials))
        {
            return true;
        }

        return _passwordHash is not null && password is not null && CryptographicOperations.FixedTimeEquals(_passwordHash, Hash(password));
    }

    private static byte[] Hash(string password) => SHA256.HashData(Encoding.UTF8.GetBytes(password));
}
