namespace PbxGrains.Surfaces.Issabel;

/// <summary>Host settings of the pbxapi surface (configuration section <c>Pbx:Issabel</c>).</summary>
public sealed class IssabelOptions
{
    public const string SectionName = "Pbx:Issabel";

    /// <summary>The full key of <see cref="SigningKey"/>.</summary>
    public const string SigningKeySetting = SectionName + ":" + nameof(SigningKey);

    /// <summary>
    /// The secret that keys the tokens of tenants without a <c>signingKey</c> of their own. Processes behind one load
    /// balancer must share it; without it each process makes up its own, and a token is good only where it was issued.
    /// </summary>
    public string? SigningKey { get; set; }
}
