using Microsoft.AspNetCore.Http;

namespace PbxGrains.Surfaces.Hosting;

/// <summary>
/// A surface's answer to a request the server refused before (or instead of) the surface's handler: a body too large
/// (413), one that could not be read (400: a bad chunk, a body shorter than its length), a method or media type the
/// route does not take (405, 415). The surface answers in its own error format with that status.
/// </summary>
/// <param name="context">The request; the surface may read its path and query (never its body) to choose a format.</param>
/// <param name="status">The HTTP status of the refusal.</param>
public delegate IResult SurfaceRefusal(HttpContext context, int status);

/// <summary>The reasons of the refusals the server makes for a surface, in one place for every surface.</summary>
public static class SurfaceRefusals
{
    /// <summary>The statuses a refusal made by the server (not a handler) has, and that a surface answers in its shape.</summary>
    public static bool IsServerRefusal(int status) => status is
        StatusCodes.Status400BadRequest or StatusCodes.Status405MethodNotAllowed or StatusCodes.Status411LengthRequired or
        StatusCodes.Status413PayloadTooLarge or StatusCodes.Status414UriTooLong or StatusCodes.Status415UnsupportedMediaType or
        StatusCodes.Status431RequestHeaderFieldsTooLarge;

    /// <summary>A short English reason for a refusal's status.</summary>
    public static string Reason(int status) => status switch
    {
        StatusCodes.Status405MethodNotAllowed => "Method not allowed",
        StatusCodes.Status411LengthRequired => "Length required",
        StatusCodes.Status413PayloadTooLarge => "Request body too large",
        StatusCodes.Status414UriTooLong => "Request URI too long",
        StatusCodes.Status415UnsupportedMediaType => "Unsupported media type",
        StatusCodes.Status431RequestHeaderFieldsTooLarge => "Request headers too large",
        _ => "Bad request",
    };
}
