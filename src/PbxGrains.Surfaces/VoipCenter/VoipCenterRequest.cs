using System.Globalization;
using Microsoft.AspNetCore.Http;
using PbxGrains.Surfaces.Requests;
using PbxGrains.Surfaces.Tenancy;

namespace PbxGrains.Surfaces.VoipCenter;

/// <summary>An authenticated request: its tenant, settings and parameters.</summary>
public sealed record class VoipCenterRequest(
    VoipCenterServices Services, string Tenant, VoipCenterSettings Settings, VoipCenterFormat Format, PhpParameters Parameters)
{
    public string this[string name] => Parameters.Get(name) ?? "";

    /// <summary>
    /// Reads and authenticates a request, in the order the checks can be made: format (10, 12), parameters (10),
    /// timestamp (12, 11), the source address's failures (13), customer and API user (15), signature (14), the API
    /// user's rate (13), password (15). Failures from 15 and 14 on count against the source address. The signed string is
    /// name+value of apiID, knummer, pwd, then <paramref name="signed"/> (the script's own parameters), then f and ts.
    /// </summary>
    public static async Task<(VoipCenterRequest? Request, VoipCenterAnswer? Refusal)> ReadAsync(HttpContext context, VoipCenterServices services, string[] signed)
    {
        var parameters = await PhpParameters.ReadAsync(context.Request);
        string Get(string name) => parameters.Get(name) ?? "";

        var f = Get("f");
        VoipCenterFormat? format = f switch
        {
            "php" => VoipCenterFormat.Php,
            "json" => VoipCenterFormat.Json,
            "xml" => VoipCenterFormat.Xml,
            _ => null,
        };
        // Without a format the product cannot answer in the one asked for; it answers JSON.
        var answerIn = format ?? VoipCenterFormat.Json;
        VoipCenterAnswer Head(int code) => VoipCenterAnswer.HeadError(answerIn, code);

        string[] required = ["apiID", "knummer", "pwd", .. signed, "f", "pass", "ts"];
        if (required.Any(name => Get(name).Length == 0))
        {
            return (null, Head(VoipCenterErrors.MissingParameters));
        }

        if (format is null || !long.TryParse(Get("ts"), NumberStyles.None, CultureInfo.InvariantCulture, out var ts))
        {
            return (null, Head(VoipCenterErrors.WrongFormat));
        }

        var now = services.Time.GetUtcNow().ToUnixTimeSeconds();
        if (Math.Abs(now - ts) > services.Options.Value.TimestampWindowSeconds)
        {
            return (null, Head(VoipCenterErrors.TimestampMismatch));
        }

        // An address that failed too often is refused before any credential is looked at.
        var source = context.Connection.RemoteIpAddress;
        if (services.Failures.IsBlocked(source))
        {
            return (null, Head(VoipCenterErrors.TooManyAttempts));
        }

        VoipCenterAnswer Failed(int code)
        {
            services.Failures.Fail(source);
            return Head(code);
        }

        // The customer number selects the tenant; a /t/{tenant} prefix naming another tenant finds no such customer
        // there. An unknown customer and an unknown API user under a real one read alike, as a wrong password (15), so
        // the answer does not tell which customers exist (16, "API user not allowed", is never answered).
        var found = await services.Customers.FindCustomerAsync(Get("knummer"));
        if (found is not { } customer ||
            (context.GetTenantSource() is TenantSource.PathPrefix or TenantSource.HostName && context.GetTenant() != customer.Tenant) ||
            !customer.Settings.ApiUsers.TryGetValue(Get("apiID"), out var privateKey))
        {
            return (null, Failed(VoipCenterErrors.UserPasswordIncorrect));
        }

        var text = string.Concat(((string[])["apiID", "knummer", "pwd", .. signed, "f", "ts"]).Select(name => name + Get(name)));
        if (!VoipCenterSettings.CheckPass(privateKey, text, Get("pass")))
        {
            return (null, Failed(VoipCenterErrors.IncorrectHash));
        }

        // Counted once the signature is checked: only a holder of the API user's key spends its requests.
        if (!services.Limiter.TryAcquire($"{customer.Tenant}/{Get("apiID")}"))
        {
            return (null, Head(VoipCenterErrors.TooManyAttempts));
        }

        var settings = customer.Settings;
        if (!settings.CheckPwd(Get("pwd")))
        {
            return (null, Failed(VoipCenterErrors.UserPasswordIncorrect));
        }

        context.SetTenant(customer.Tenant, TenantSource.Credentials);
        return (new VoipCenterRequest(services, customer.Tenant, settings, format.Value, parameters), null);
    }

    public VoipCenterAnswer Ok(Formatting.PhpArray? data = null) => VoipCenterAnswer.Ok(Format, data);

    public VoipCenterAnswer Data(Formatting.PhpArray data) => VoipCenterAnswer.Data(Format, data);

    public VoipCenterAnswer HeadError(int code) => VoipCenterAnswer.HeadError(Format, code);

    public VoipCenterAnswer BodyError(int code) => VoipCenterAnswer.BodyError(Format, code);
}
