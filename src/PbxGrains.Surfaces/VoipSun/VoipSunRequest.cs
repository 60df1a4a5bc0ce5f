using PbxGrains.Client;
using PbxGrains.Surfaces.Requests;

namespace PbxGrains.Surfaces.VoipSun;

/// <summary>An authenticated request: its tenant, what the API knows of it, the user and the parameters.</summary>
public sealed record class VoipSunRequest(
    VoipSunServices Services, string Tenant, VoipSunTenant Directory, VoipSunUser User, PhpParameters Parameters)
{
    public PbxClient Pbx => Services.Pbx;

    /// <summary>A parameter's value, trimmed; "" when it is absent. PHP's <c>empty()</c> is how the product tests them.</summary>
    public string this[string name] => Parameters.Get(name)?.Trim() ?? "";

    public bool Has(string name) => this[name].Length > 0;

    public string? Optional(string name) => Has(name) ? this[name] : null;

    /// <summary>A positive whole number, or null when absent or unreadable (PHP's <c>intval</c> gives 0, which means "not set").</summary>
    public int? Seconds(string name) =>
        int.TryParse(this[name], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > 0
            ? Math.Min(value, 86400)
            : null;
}
