using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace PbxGrains.Host.Hosting;

/// <summary>
/// Turns a request that could not be bound (malformed JSON, a missing required field or query parameter) into a 400
/// problem that says what was wrong, instead of an empty 400 or a 500.
/// </summary>
public sealed class BadRequestExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        var detail = badRequest.InnerException is JsonException json ? $"{badRequest.Message} {json.Message}" : badRequest.Message;
        await TypedResults.Problem(
                detail: detail,
                statusCode: badRequest.StatusCode,
                extensions: new Dictionary<string, object?> { ["error"] = "BadRequest" })
            .ExecuteAsync(httpContext);
        return true;
    }
}
