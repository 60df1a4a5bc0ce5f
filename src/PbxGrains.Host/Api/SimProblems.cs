using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using PbxGrains.Abstractions.Model;
using PbxGrains.Grains.Catalogue.Rules;

namespace PbxGrains.Host.Api;

/// <summary>
/// RFC 7807 problems of the control API. Each carries an <c>error</c> extension with the domain's error name, so a
/// test can assert on the reason rather than on the text.
/// </summary>
public static partial class SimProblems
{
    public const string InvalidScenario = "InvalidScenario";

    public static ProblemHttpResult From(DomainError error, string? detail) => Problem(StatusOf(error), error.ToString(), detail);

    public static ProblemHttpResult From(PbxResult result) => From(result.Error, result.Detail);

    public static ProblemHttpResult From<T>(PbxResult<T> result) => From(result.Error, result.Detail);

    public static ProblemHttpResult TenantNotFound(string? tenant) => From(DomainError.TenantNotFound, $"tenant '{tenant}' does not exist");

    public static ProblemHttpResult BadRequest(string detail) => From(DomainError.InvalidArgument, detail);

    /// <summary>A value that selects a tenant (a VoipCenter knummer) is another tenant's: 409.</summary>
    public static ProblemHttpResult CredentialInUse(IReadOnlyList<string> conflicts) =>
        Problem(StatusCodes.Status409Conflict, "CredentialInUse", string.Join("; ", conflicts));

    /// <summary>An event stream beyond a limit of this process (per tenant or in all): 429, with the limit named.</summary>
    public static ProblemHttpResult TooManyStreams(string detail) => Problem(StatusCodes.Status429TooManyRequests, "TooManyEventStreams", detail);

    public static ProblemHttpResult Scenario(IReadOnlyList<FieldProblem> errors) =>
        TypedResults.Problem(
            title: "Invalid scenario",
            detail: string.Join("; ", errors),
            statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?>
            {
                ["error"] = InvalidScenario,
                ["errors"] = errors.Select(e => e.ToString()).ToArray(),
            });

    public static int StatusOf(DomainError error) => error switch
    {
        DomainError.InvalidArgument => StatusCodes.Status400BadRequest,
        DomainError.AgentWrongPin => StatusCodes.Status403Forbidden,
        DomainError.TenantNotFound or DomainError.ExtensionNotFound or DomainError.DestinationNotFound or
            DomainError.ChannelNotFound or DomainError.CallNotFound or DomainError.ParkingLotNotFound or
            DomainError.ParkingSlotEmpty or DomainError.QueueNotFound or DomainError.QueueMemberNotFound or
            DomainError.AgentNotFound or DomainError.RingGroupNotFound or DomainError.VariableNotFound or
            DomainError.TrafficNotFound or DomainError.FaultNotFound => StatusCodes.Status404NotFound,
        _ => StatusCodes.Status409Conflict,
    };

    private static ProblemHttpResult Problem(int status, string error, string? detail) =>
        TypedResults.Problem(
            title: Title(error),
            detail: detail ?? Title(error),
            statusCode: status,
            extensions: new Dictionary<string, object?> { ["error"] = error });

    /// <summary>"ChannelNotRinging" → "Channel not ringing".</summary>
    private static string Title(string error)
    {
        var words = Words().Replace(error, " $1").ToLowerInvariant();
        return string.Concat(words[..1].ToUpperInvariant(), words[1..]);
    }

    [GeneratedRegex("(?<=[a-z])([A-Z])", RegexOptions.CultureInvariant)]
    private static partial Regex Words();
}
