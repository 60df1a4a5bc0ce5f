using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using PbxGrains.Surfaces.Formatting;

namespace PbxGrains.Surfaces.VoipSun;

/// <summary>
/// An answer of <c>api.php</c>: PHP's <c>json_encode</c> of an array whose values are strings (<c>"success":"true"</c>),
/// with status 200 whatever it says, and PHP's default content type (the script echoes and sets none).
/// </summary>
public sealed class VoipSunAnswer(string json) : IResult
{
    public const string ContentType = "text/html; charset=UTF-8";

    public string Json => json;

    public static VoipSunAnswer Success() => new("""{"success":"true"}""");

    public static VoipSunAnswer Error(int code, string reason) =>
        Php(new JsonObject { ["success"] = "false", ["errno"] = code.ToString(System.Globalization.CultureInfo.InvariantCulture), ["reason"] = reason });

    /// <summary>As PHP writes it: slashes escaped.</summary>
    public static VoipSunAnswer Php(JsonNode node) => new(PhpJson.Serialize(node));

    /// <summary>With slashes as they are (<c>JSON_UNESCAPED_SLASHES</c>), as the document's listcalls answer shows them.</summary>
    public static VoipSunAnswer Unescaped(JsonNode node) => new(PhpJson.Serialize(node).Replace("\\/", "/", StringComparison.Ordinal));

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = ContentType;
        var bytes = Encoding.UTF8.GetBytes(json);
        httpContext.Response.ContentLength = bytes.Length;
        return httpContext.Response.Body.WriteAsync(bytes).AsTask();
    }

    public override string ToString() => json;
}
