namespace PbxGrains.Abstractions.Interfaces;

/// <summary>
/// Marks a grain method that may be sent again when its message was lost with the silo it went to (the silo stopped or
/// died on the way): a second delivery changes nothing the first did not. Read-only methods (<c>[ReadOnly]</c>) are safe
/// without it. The resending itself is <c>ResendAfterSiloLossFilter</c>'s.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class SafeToResendAttribute : Attribute;
