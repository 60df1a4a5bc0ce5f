using Microsoft.AspNetCore.Http;

namespace PbxGrains.Surfaces.Faults;

/// <summary>
/// A surface's own error answer for an injected <see cref="Abstractions.Contracts.FaultKind.VendorError"/>: what its
/// clients see when the real product refuses a request (VoIPSUN's errno object, Issabel's error object, IPPS's
/// <c>ERROR:</c> text, Escaux's result code, VoipCenter's head error).
/// </summary>
/// <param name="context">The request; the surface may read its path and query (e.g. for the answer's format).</param>
/// <param name="code">The vendor's error code the fault asks for; 0 for the surface's usual one.</param>
/// <param name="message">The text the fault asks for; empty for the surface's own text for the code.</param>
public delegate IResult SurfaceFault(HttpContext context, int code, string message);
