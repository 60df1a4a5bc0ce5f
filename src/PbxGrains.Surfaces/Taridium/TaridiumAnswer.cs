using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace PbxGrains.Surfaces.Taridium;

/// <summary>
/// An IPPS page: a PHP script's output, so <c>text/html; charset=UTF-8</c> (PHP's default content type, which ipbx's
/// scripts do not change) whatever the body holds. The body is sent from the pooled buffer and the buffer returned.
/// </summary>
public sealed class TaridiumAnswer : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public const string ContentTypeValue = "text/html; charset=UTF-8";

    /// <summary>The realm a client is challenged with when authentication fails.</summary>
    public const string Realm = "IPPS";

    private static readonly string Challenge = $"Basic realm=\"{Realm}\"";

    private readonly IppsBuffer _body;

    private TaridiumAnswer(int statusCode, IppsBuffer body)
    {
        StatusCode = statusCode;
        _body = body;
    }

    public int StatusCode { get; }

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public string ContentType => ContentTypeValue;

    /// <summary>An answer of data lines (possibly none: an empty page).</summary>
    public static TaridiumAnswer Page(IppsBuffer body) => new(StatusCodes.Status200OK, body);

    /// <summary>
    /// One of the document's error texts, with no line break after it. The script echoes it with 200, except a failed
    /// authentication, which answers 401 with a Basic challenge as PHP's HTTP authentication does.
    /// </summary>
    public static TaridiumAnswer Error(ReadOnlySpan<byte> message, int statusCode = StatusCodes.Status200OK)
    {
        var body = new IppsBuffer();
        body.Ascii(message);
        return new TaridiumAnswer(statusCode, body);
    }

    /// <summary>A refusal of the server (<see cref="PbxGrains.Surfaces.Hosting.SurfaceRefusal"/>): an <c>ERROR:</c> text as the scripts write theirs, with the refusal's status.</summary>
    public static TaridiumAnswer Refusal(HttpContext context, int status) =>
        Error(System.Text.Encoding.ASCII.GetBytes("ERROR: " + PbxGrains.Surfaces.Hosting.SurfaceRefusals.Reason(status).ToUpperInvariant()), status);

    /// <summary>
    /// An injected vendor error (<see cref="Faults.SurfaceFault"/>): an <c>ERROR:</c> text as the scripts write theirs
    /// (upper case), the text asked for or "INTERNAL ERROR"; IPPS's scripts have no error codes.
    /// </summary>
    public static TaridiumAnswer Fault(HttpContext context, int code, string message) =>
        Error(System.Text.Encoding.UTF8.GetBytes("ERROR: " + (message.Length > 0 ? message : "Internal error").ToUpperInvariant()));

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        try
        {
            var response = httpContext.Response;
            response.StatusCode = StatusCode;
            response.ContentType = ContentTypeValue;
            response.ContentLength = _body.Length;
            if (StatusCode == StatusCodes.Status401Unauthorized)
            {
                response.Headers[HeaderNames.WWWAuthenticate] = Challenge;
            }

            if (_body.Length > 0 && !HttpMethods.IsHead(httpContext.Request.Method))
            {
                await response.Body.WriteAsync(_body.Written, httpContext.RequestAborted);
            }
        }
        finally
        {
            _body.Dispose();
        }
    }
}
