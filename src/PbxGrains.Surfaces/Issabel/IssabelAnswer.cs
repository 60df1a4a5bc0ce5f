using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using PbxGrains.Abstractions.Model;
using PbxGrains.Surfaces.Formatting;

namespace PbxGrains.Surfaces.Issabel;

/// <summary>
/// The real server's answers: <c>{"status":"success","results":[...]}</c>, its error shape, and its bodiless answers
/// (403, a 200 without a body, 201 with a Location). Each is written by the framework's own result of that kind, so a
/// header or a byte is where it always was.
/// </summary>
public sealed class IssabelAnswer : IResult, IStatusCodeHttpResult
{
    public const string ContentType = "application/json";

    private readonly IResult _result;

    private IssabelAnswer(int status, IResult result)
    {
        StatusCode = status;
        _result = result;
    }

    public int? StatusCode { get; }

    public Task ExecuteAsync(HttpContext httpContext) => _result.ExecuteAsync(httpContext);

    public static IssabelAnswer Json(JsonNode body, int status = StatusCodes.Status200OK) =>
        new(status, TypedResults.Text(PhpJson.Serialize(body), ContentType, Encoding.UTF8, status));

    /// <summary>
    /// A listing; a single record is still a one-element array, as the document shows. The real server (rest.php's
    /// outputSuccess) puts <c>"status":"success"</c> before the results, where the document's examples show
    /// <c>{"results":[…]}</c> alone: the product is followed, and a client that reads only <c>results</c> sees no difference.
    /// </summary>
    public static IssabelAnswer Records(IEnumerable<JsonObject> records) =>
        Json(new JsonObject { ["status"] = "success", ["results"] = new JsonArray([.. records]) });

    /// <summary>
    /// <c>{"status":"fail","errors":[{"status":"404","detail":"Record not found"}]}</c>: "fail" for the client's fault
    /// (4xx), "error" for the server's (5xx), one entry per problem.
    /// </summary>
    public static IssabelAnswer Error(int status, params IEnumerable<string> details)
    {
        var errors = new JsonArray();
        foreach (var detail in details)
        {
            errors.Add(new JsonObject { ["status"] = status.ToString(System.Globalization.CultureInfo.InvariantCulture), ["detail"] = detail });
        }

        return Json(new JsonObject { ["status"] = status >= 500 ? "error" : "fail", ["errors"] = errors }, status);
    }

    /// <summary>A refusal of the server (<see cref="Hosting.SurfaceRefusal"/>): the error object with the refusal's status and reason.</summary>
    public static IssabelAnswer Refusal(HttpContext context, int status) => Error(status, Hosting.SurfaceRefusals.Reason(status));

    /// <summary>
    /// An injected vendor error (<see cref="Faults.SurfaceFault"/>): the error object with the code asked for as its
    /// status (an HTTP status from 400 to 599; 500 when none or another is asked for) and the text asked for, else the
    /// status's reason.
    /// </summary>
    public static IssabelAnswer Fault(HttpContext context, int code, string message)
    {
        var status = code is >= 400 and <= 599 ? code : StatusCodes.Status500InternalServerError;
        return Error(status, message.Length > 0 ? message : Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status));
    }

    public static IssabelAnswer NotFound() => Error(StatusCodes.Status404NotFound, IssabelErrors.NotFound);

    public static IssabelAnswer MethodNotAllowed() => Error(StatusCodes.Status405MethodNotAllowed, IssabelErrors.MethodNotAllowed);

    /// <summary>A problem with a request's fields, each naming its field.</summary>
    public static IssabelAnswer Invalid(IEnumerable<string> problems) => Error(StatusCodes.Status422UnprocessableEntity, problems);

    /// <summary>A failed login and a missing or invalid token: 403 with an empty body, as the real server answers.</summary>
    public static IssabelAnswer Forbidden() => new(StatusCodes.Status403Forbidden, TypedResults.StatusCode(StatusCodes.Status403Forbidden));

    /// <summary>An expired access token is not an HTTP error on the real server: 200 and this body.</summary>
    public static IssabelAnswer Expired() => Json(new JsonObject { ["status"] = "expired" });

    /// <summary>A change made: 200 without a body.</summary>
    public static IssabelAnswer NoContent200() => new(StatusCodes.Status200OK, TypedResults.Ok());

    /// <summary>A record created: 201, its address in Location, no body.</summary>
    public static IssabelAnswer Created(string location) => new(StatusCodes.Status201Created, TypedResults.Created(location));

    /// <summary>What a refusal of the call model is to a pbxapi client.</summary>
    public static IssabelAnswer FromDomain(PbxResult failure, string field) => failure.Error switch
    {
        DomainError.InvalidArgument => Error(StatusCodes.Status422UnprocessableEntity, failure.Detail ?? field),
        DomainError.NumberInUse => Error(StatusCodes.Status409Conflict, $"{field}: {failure.Detail} is already in use"),
        DomainError.TenantNotFound or DomainError.ExtensionNotFound or DomainError.RingGroupNotFound or DomainError.QueueNotFound or
            DomainError.DestinationNotFound or DomainError.ChannelNotFound => NotFound(),
        _ => Error(StatusCodes.Status409Conflict, failure.Detail is { Length: > 0 } d ? $"{failure.Error}: {d}" : failure.Error.ToString()),
    };
}
