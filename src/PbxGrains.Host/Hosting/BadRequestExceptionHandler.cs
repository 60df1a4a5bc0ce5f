using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace PbxGrains.Host.Hosting;

/// <summary>
/// Turns a request that could not be bound (malformed JSON, a missing required field or query parameter) or whose body
/// could not be read (a bad chunk, a body over the server's limit) into a 400 (413) problem that says what was wrong,
/// instead of an empty 400 or a 500.
/// </summary>
public sealed class BadRequestExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not IOException unread || httpContext.RequestAborted.IsCancellationRequested || httpContext.Response.HasStarted)
        {
            return false;
        }

        // Kestrel throws a plain IOException, not a BadHttpRequestException, for a chunk size that overflows
        // ("Bad chunk size data."): the body could not be read all the same, and it was a 500.
        var (status, detail) = unread switch
        {
            BadHttpRequestException { InnerException: JsonException json } bad => (bad.StatusCode, $"{bad.Message} {json.Message}"),
            BadHttpRequestException bad => (bad.StatusCode, bad.Message),
            _ => (StatusCodes.Status400BadRequest, $"The request body could not be read: {unread.Message}"),
        };
        await TypedResults.Problem(
                detail: detail,
                statusCode: status,
                extensions: new Dictionary<string, object?> { ["error"] = "BadRequest" })
            .ExecuteAsync(httpContext);
        return true;
    }
}
