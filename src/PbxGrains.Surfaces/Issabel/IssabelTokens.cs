using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PbxGrains.Client;

namespace PbxGrains.Surfaces.Issabel;

/// <summary>What a presented token turned out to be.</summary>
public enum TokenCheck
{
    Valid,
    Expired,
    Invalid,
}

/// <summary>
/// Issabel's tokens: HS256 JWTs shaped as the real server makes them (access payload <c>{"iat","exp","data":{"name"}}</c>,
/// refresh payload <c>{"iat","exp","data":[]}</c>), plus <c>aud</c> = the tenant, so a token names the tenant it was
/// issued by. Times come from the call model's clock, for issuing and for checking alike, so tests move a fake clock
/// past the expiry instead of waiting.
/// <para>
/// A client presents the same access token on every request until it expires, so a token whose signature, audience
/// and payload were checked once is remembered with its expiry, and later checks only compare the expiry with the
/// clock. The memo is keyed by the token and holds the tenant and signing key it was checked with: a token presented
/// for another tenant, or after the tenant's key changed, is checked in full again (and refused).
/// </para>
/// </summary>
public sealed class IssabelTokens(PbxClock clock)
{
    /// <summary>Tokens remembered at most; past it the expired ones go, then all (a flood of new tokens is checked in full).</summary>
    public const int MaxRemembered = 10_000;

    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    private readonly ConcurrentDictionary<string, CheckedToken> _checked = new(StringComparer.Ordinal);

    public DateTimeOffset Now => clock.Now;

    /// <summary>How many checked tokens are remembered now (tests of the bound).</summary>
    public int Remembered => _checked.Count;

    public string CreateAccess(string tenant, byte[] key, string user, int lifetimeSeconds) =>
        Create(tenant, key, new Dictionary<string, object> { ["name"] = user }, lifetimeSeconds);

    public string CreateRefresh(string tenant, byte[] key, int lifetimeSeconds) =>
        Create(tenant, key, new List<object>(), lifetimeSeconds);

    /// <summary>Checks an access token; on success <c>User</c> is its <c>data.name</c>.</summary>
    public async Task<(TokenCheck Check, string User)> CheckAccessAsync(string token, string tenant, byte[] key, bool ignoreLifetime = false)
    {
        var (check, data) = await CheckAsync(token, tenant, key, ignoreLifetime);
        if (check == TokenCheck.Invalid)
        {
            return (check, "");
        }

        // A refresh token (data: []) is not an access token.
        return data is { ValueKind: JsonValueKind.Object } d && d.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
            ? (check, name.GetString() ?? "")
            : (TokenCheck.Invalid, "");
    }

    public async Task<TokenCheck> CheckRefreshAsync(string token, string tenant, byte[] key)
    {
        var (check, data) = await CheckAsync(token, tenant, key, ignoreLifetime: false);
        return check == TokenCheck.Invalid || data is not { ValueKind: JsonValueKind.Array } ? TokenCheck.Invalid : check;
    }

    private string Create(string tenant, byte[] key, object data, int lifetimeSeconds)
    {
        var now = clock.Now.ToUnixTimeSeconds();
        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            TokenType = "JWT",
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
            // The real server's claims in its order, then the tenant: the payload is written in this order.
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Iat] = now,
                [JwtRegisteredClaimNames.Exp] = now + lifetimeSeconds,
                ["data"] = data,
                [JwtRegisteredClaimNames.Aud] = tenant,
            },
        });
    }

    private async Task<(TokenCheck Check, JsonElement? Data)> CheckAsync(string token, string tenant, byte[] key, bool ignoreLifetime)
    {
        if (_checked.TryGetValue(token, out var known) && known.Tenant == tenant && known.Key.AsSpan().SequenceEqual(key))
        {
            return (ignoreLifetime || clock.Now < known.Expires ? TokenCheck.Valid : TokenCheck.Expired, known.Data);
        }

        var parameters = new TokenValidationParameters
        {
            ValidateIssuer = false,
            ValidAudience = tenant,
            IssuerSigningKey = new SymmetricSecurityKey(key),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RequireExpirationTime = true,
            ValidateLifetime = !ignoreLifetime,
            ClockSkew = TimeSpan.Zero,
            // The call model's clock decides, not the machine's: a token expires when the simulation says so. The
            // library calls this delegate whatever ValidateLifetime says, so it honours ignoreLifetime itself.
            LifetimeValidator = (_, expires, _, _) => ignoreLifetime || (expires is { } e && clock.Now.UtcDateTime < e)
                ? true
                : throw new SecurityTokenExpiredException("The token has expired.") { Expires = expires ?? DateTime.MinValue },
        };

        var result = await Handler.ValidateTokenAsync(token, parameters);
        if (!result.IsValid)
        {
            // "Expired" is only said of a token that is ours in every other respect: the library may check the
            // lifetime before the signature, and another tenant's (or a forged) token must stay a plain refusal.
            if (result.Exception is SecurityTokenExpiredException && !ignoreLifetime)
            {
                var (again, payloadData) = await CheckAsync(token, tenant, key, ignoreLifetime: true);
                return (again == TokenCheck.Valid ? TokenCheck.Expired : TokenCheck.Invalid, payloadData);
            }

            return (TokenCheck.Invalid, null);
        }

        if (result.SecurityToken is not JsonWebToken jwt)
        {
            return (TokenCheck.Invalid, null);
        }

        using var payload = JsonDocument.Parse(Base64UrlEncoder.Decode(jwt.EncodedPayload));
        if (!payload.RootElement.TryGetProperty("data", out var data))
        {
            return (TokenCheck.Invalid, null);
        }

        var checkedData = data.Clone();
        if (!ignoreLifetime)
        {
            Remember(token, new CheckedToken(tenant, [.. key], new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero), checkedData));
        }

        return (TokenCheck.Valid, checkedData);
    }

    private void Remember(string token, CheckedToken checkedToken)
    {
        if (_checked.Count >= MaxRemembered)
        {
            var now = clock.Now;
            foreach (var (known, entry) in _checked)
            {
                if (entry.Expires <= now)
                {
                    _checked.TryRemove(known, out _);
                }
            }

            if (_checked.Count >= MaxRemembered)
            {
                _checked.Clear();
            }
        }

        _checked[token] = checkedToken;
    }

    /// <summary>A token checked in full: for whom, with which key, until when, and its <c>data</c>.</summary>
    private sealed record CheckedToken(string Tenant, byte[] Key, DateTimeOffset Expires, JsonElement Data);
}
