using System.Globalization;
using System.Security;
using System.Text;
using Microsoft.AspNetCore.Http;
using PbxGrains.Surfaces.Formatting;

namespace PbxGrains.Surfaces.VoipCenter;

/// <summary>
/// The product's answers, always HTTP 200 in the format the request asked for. Two shapes, as the product has them:
/// <list type="bullet">
/// <item><c>head</c> (the request: authentication, parameters) and <c>body</c> (what was asked), each with <c>status</c>
/// ("1" or "0"), <c>error_number</c> and <c>error_message</c> (empty when all is well): every error of every script,
/// and every answer of call.php and update.php (update.php's changed item rides in <c>body.data</c>);</item>
/// <item>the data itself, with no <c>head</c> or <c>body</c>: a successful get.php. Its clients read it so: the Home
/// Assistant integration (bertouttier/voipcenter-hacs) iterates the <c>id=0</c> answer's keys as <c>id_N</c> and reads
/// <c>actief</c> at the top of one indicator; tijsverkoyen's PHP class maps the <c>id=0</c> answer's entries to
/// objects and takes an answer with a non-empty <c>head.error_number</c> (or <c>body.error_number</c>) for an error.
/// The document shows no get.php answer; the product is the reference.</item>
/// </list>
/// </summary>
public sealed class VoipCenterAnswer : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    /// <summary>Literally this, without the ';' (some clients compare the exact string).</summary>
    public const string JsonContentType = "text/json charset=utf-8";

    /// <summary>PHP's default for a script that sets no header (the serialized answer).</summary>
    public const string PhpContentType = "text/html; charset=UTF-8";

    public const string XmlContentType = "text/xml; charset=UTF-8";

    private readonly byte[] _body;

    private VoipCenterAnswer(string contentType, byte[] body, int statusCode = StatusCodes.Status200OK)
    {
        ContentType = contentType;
        _body = body;
        StatusCode = statusCode;
    }

    /// <summary>200: errors are in the answer, not in the status; only a refusal of the server in front of the scripts has its own.</summary>
    public int? StatusCode { get; }

    /// <summary>Set verbatim (the JSON one is not a well-formed media type, on purpose).</summary>
    public string ContentType { get; }

    public static VoipCenterAnswer Ok(VoipCenterFormat format, PhpArray? data = null) =>
        Render(format, Part(0), data is null ? Part(0) : Part(0).Set("data", data));

    /// <summary>A successful get.php: the data alone (see the class comment).</summary>
    public static VoipCenterAnswer Data(VoipCenterFormat format, PhpArray data) => Render(format, data);

    public static VoipCenterAnswer HeadError(VoipCenterFormat format, int code) => Render(format, Part(code), Part(-1));

    public static VoipCenterAnswer BodyError(VoipCenterFormat format, int code) => Render(format, Part(0), Part(code));

    /// <summary>
    /// A refusal of the server (<see cref="Hosting.SurfaceRefusal"/>): the parameters could not be read, so "missing
    /// parameters" (10) in the head, in the format <c>f</c> of the query string asks for (JSON without one), with the
    /// refusal's status.
    /// </summary>
    public static VoipCenterAnswer Refusal(HttpContext context, int status)
    {
        var answer = HeadError(FormatOf(context), VoipCenterErrors.MissingParameters);
        return new(answer.ContentType, answer._body, status);
    }

    /// <summary>
    /// An injected vendor error (<see cref="Faults.SurfaceFault"/>): the body error with the code asked for, 1 ("Could
    /// not connect to server", what the product answers when its PBX does not) when none is, in the format the query
    /// asks for. The text is the product's own for the code (its answers carry no other).
    /// </summary>
    public static VoipCenterAnswer Fault(HttpContext context, int code, string message) =>
        BodyError(FormatOf(context), code == 0 ? VoipCenterErrors.CouldNotConnect : code);

    private static VoipCenterFormat FormatOf(HttpContext context) => context.Request.Query["f"].ToString() switch
    {
        "php" => VoipCenterFormat.Php,
        "xml" => VoipCenterFormat.Xml,
        _ => VoipCenterFormat.Json,
    };

    /// <summary>A part's status: 0 is success, a code is that error, -1 is "not processed" (a body after a head error).</summary>
    private static PhpArray Part(int code) => new PhpArray()
        .Set("status", code == 0 ? "1" : "0")
        .Set("error_number", code > 0 ? code.ToString(CultureInfo.InvariantCulture) : "")
        .Set("error_message", code > 0 ? VoipCenterErrors.Message(code) : "");

    private static VoipCenterAnswer Render(VoipCenterFormat format, PhpArray head, PhpArray body) =>
        Render(format, new PhpArray().Set("head", head).Set("body", body));

    private static VoipCenterAnswer Render(VoipCenterFormat format, PhpArray answer) => format switch
    {
        VoipCenterFormat.Php => new(PhpContentType, PhpSerializer.Serialize(answer)),
        VoipCenterFormat.Xml => new(XmlContentType, Encoding.UTF8.GetBytes(Xml(answer))),
        _ => new(JsonContentType, Encoding.UTF8.GetBytes(PhpJson.Serialize(answer.ToJsonNode()))),
    };

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCode ?? StatusCodes.Status200OK;
        httpContext.Response.Headers.ContentType = ContentType;
        httpContext.Response.ContentLength = _body.Length;
        return httpContext.Response.Body.WriteAsync(_body).AsTask();
    }

    /// <summary>
    /// As PHP's SimpleXML/DOM writes it: a declaration and one element per key under <c>&lt;response&gt;</c>
    /// (<c>&lt;response&gt;&lt;head&gt;…</c>, or a get.php list's <c>&lt;response&gt;&lt;id_540&gt;…</c>).
    /// </summary>
    public static string Xml(PhpArray answer)
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<response>");
        Write(xml, answer);
        return xml.Append("</response>\n").ToString();
    }

    private static void Write(StringBuilder xml, PhpArray array)
    {
        foreach (var (key, value) in array)
        {
            xml.Append('<').Append(key).Append('>');
            if (value is PhpArray inner)
            {
                Write(xml, inner);
            }
            else
            {
                xml.Append(SecurityElement.Escape(XmlText.Valid((string)value)));
            }

            xml.Append("</").Append(key).Append('>');
        }
    }
}
