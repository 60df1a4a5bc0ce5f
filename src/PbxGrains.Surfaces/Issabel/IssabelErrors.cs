using PbxGrains.Abstractions.Ids;

namespace PbxGrains.Surfaces.Issabel;

/// <summary>The texts of the real server's errors (its <c>detail</c>s), and the surface's own for what it refuses.</summary>
public static class IssabelErrors
{
    public const string NotFound = "Record not found";
    public const string MethodNotAllowed = "Method not allowed";
    public const string PostWithId = "We refuse to insert a record if a resource id is passed. For update use the PUT method instead.";
    public const string InvalidForm = "Invalid form body";
    public const string InvalidJson = "Invalid JSON body";
    public const string NotAnObject = "The body must be a JSON object";

    /// <summary>A number that the call model could not key an extension, queue or ring group by.</summary>
    public static string NotDialable(string field) => $"{field}: must be {DialableNumber.Rule}";

    /// <summary>A write to a resource whose configuration the call model takes from the tenant's definition only.</summary>
    public static string ReadOnly(string resource) => $"Method not allowed: {resource} is read-only here";
}
