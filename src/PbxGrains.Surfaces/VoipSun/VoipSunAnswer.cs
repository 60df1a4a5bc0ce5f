using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using PbxGrains.Surfaces.Formatting;

namespace PbxGrains.Surfaces.VoipSun;

/// <summary>
/// An answer of <c>api.php</c>: PHP's <c>json_encode</c> of an array whose values are strings (<c>"success":"true"</c>),
/// with status 200 whatever it says, and PHP's default content type (the script echoes and sets none). Only a refusal
/// of the server in front of the script (<see cref="Refusal"/>) has another status.
/// </summary>
public sealed class VoipSunAnswer(string json, int statusCode = StatusCodes.Status200OK) : IResult
{
    public const string ContentType = "text/html; charset=UTF-8";

    public string Json => json;

    public static VoipSunAnswer Success() => new("""{"success":"true"}""");

    public static VoipSunAnswer Error(int code, string reason) =>
        Php(new JsonObject { ["success"] = "false", ["errno"] = code.ToString(System.Globalization.CultureInfo.InvariantCulture), ["reason"] = reason });

    /// <summary>
    /// A refusal of the server (<see cref="Hosting.SurfaceRefusal"/>): the parameters could not be read, so the
    /// document's "missing required parameters" (120), with the refusal's status.
    /// </summary>
    public static VoipSunAnswer Refusal(HttpContext context, int status) => new(Error(120, VoipSunErrors.MissingParameters).Json, status);

    /// <summary>
    /// An injected vendor error (<see cref="Faults.SurfaceFault"/>): the errno object with the code asked for, 220 ("SIP
    /// channel is unreacheable", what a PBX that cannot reach a phone answers) when none is; the text asked for, else
    /// the document's text for a code it lists.
    /// </summary>
    public static VoipSunAnswer Fault(HttpContext context, int code, string message)
    {
        code = code == 0 ? 220 : code;
        return Error(code, message.Length > 0 ? message : VoipSunErrors.ReasonOf(code));
    }

    /// <summary>As PHP writes it: slashes escaped.</summary>
    public static VoipSunAnswer Php(JsonNode node) => new(PhpJson.Serialize(node));

    /// <summary>With slashes as they are (<c>JSON_UNESCAPED_SLASHES</c>), as the document's listcalls answer shows them.</summary>
    public static VoipSunAnswer Unescaped(JsonNode node) => new(PhpJson.Serialize(node).Replace("\\/", "/", StringComparison.Ordinal));

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = statusCode;
        httpContext.Response.ContentType = ContentType;
        var bytes = Encoding.UTF8.GetBytes(json);
        httpContext.Response.ContentLength = bytes.Length;
        return httpContext.Response.Body.WriteAsync(bytes).AsTask();
    }

    public override string ToString() => json;
}
