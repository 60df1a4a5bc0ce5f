using Microsoft.AspNetCore.Diagnostics;

namespace PbxGrains.Host.Hosting;

/// <summary>
/// A call-model request that timed out or found no silo is the service being unavailable (503), not a fault of the
/// request (400) or a bug (500): a tenant too large to load in one grain call's timeout, a silo restarting. Surfaces
/// that have a vendor answer for this catch it themselves; this is what remains.
/// </summary>
public sealed class CallModelUnavailableExceptionHandler(ILogger<CallModelUnavailableExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsUnavailability(exception, httpContext) || httpContext.Response.HasStarted)
        {
            return false;
        }

        // The answer says only "try again"; the log says why, which is what a chaos run or an operator needs.
        logger.LogWarning("{Method} {Path} answered 503: {Exception}: {Message}",
            httpContext.Request.Method, httpContext.Request.Path, exception.GetType().Name, exception.Message);

        await TypedResults.Problem(
                detail: "The call model did not answer in time; a change the request made may still complete. Try again shortly.",
                statusCode: StatusCodes.Status503ServiceUnavailable,
                extensions: new Dictionary<string, object?> { ["error"] = "CallModelUnavailable" })
            .ExecuteAsync(httpContext);
        return true;
    }

    /// <summary>
    /// A timeout or an Orleans failure; or a cancellation the client did not ask for (Orleans cancels a message whose
    /// placement failed while a silo was being lost, and the request would otherwise end as a 500).
    /// </summary>
    private static bool IsUnavailability(Exception exception, HttpContext httpContext) => exception switch
    {
        TimeoutException or Orleans.Runtime.OrleansException => true,
        OperationCanceledException => !httpContext.RequestAborted.IsCancellationRequested,
        _ => false,
    };
}
