using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace PbxGrains.Surfaces.Escaux;

/// <summary>What a handler answers: an XML element tree, and the JSON the same data takes in the <c>.json</c> form.</summary>
public sealed class EscauxAnswer(XElement xml, JsonNode? json, bool shortEmptyElements = false)
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        // Letters outside ASCII and '@' (logins, e-mail addresses) are written as they are, as the document's examples show.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public XElement Xml => xml;

    /// <summary>
    /// The JSON form. Without one given, it is the XML's: a leaf is a string (a <c>Result</c> code a number, as the
    /// document's <c>{"Result":0}</c>), children become an object's members, and names that repeat an array.
    /// </summary>
    public JsonNode Json => json ?? FromXml(xml);

    /// <summary>The answer in the form the request asked for: <c>.json</c> JSON, else XML.</summary>
    public ContentHttpResult In(EscauxFormat format, int? statusCode = null) => format == EscauxFormat.Json
        ? TypedResults.Text(Json.ToJsonString(JsonOptions), "application/json", Encoding.UTF8, statusCode)
        : TypedResults.Text(EscauxXml.Write(xml, shortEmptyElements), "text/xml; charset=utf-8", Encoding.UTF8, statusCode);

    /// <summary>
    /// A refusal of the server (<see cref="Hosting.SurfaceRefusal"/>): <c>&lt;{script}Result&gt;&lt;Result&gt;1&lt;/Result&gt;&lt;Error&gt;…</c>
    /// as pumLogin answers its errors, in the form the path asks for (<c>.json</c> JSON, else XML), with the refusal's status.
    /// </summary>
    public static ContentHttpResult Refusal(HttpContext context, int status) => Failure(context, 1, Hosting.SurfaceRefusals.Reason(status), status);

    /// <summary>
    /// An injected vendor error (<see cref="Faults.SurfaceFault"/>): the script's result element with the result code
    /// asked for (1, the scripts' general failure, when none is) and, when a text is asked for, an <c>Error</c> element.
    /// </summary>
    public static ContentHttpResult Fault(HttpContext context, int code, string message) =>
        Failure(context, code == 0 ? 1 : code, message, null);

    private static ContentHttpResult Failure(HttpContext context, int code, string error, int? status)
    {
        var script = context.Request.Path.Value is { } path ? path[(path.LastIndexOf('/') + 1)..] : "";
        var json = script.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
        var dot = script.LastIndexOf('.');
        var root = EscauxXml.Name((dot > 0 ? script[..dot] : script) + "Result");
        var result = new XElement(root, new XElement("Result", code));
        if (error.Length > 0)
        {
            result.Add(new XElement("Error", error));
        }

        return new EscauxAnswer(result, null).In(json ? EscauxFormat.Json : EscauxFormat.Xml, status);
    }

    /// <summary><c>&lt;{root}&gt;&lt;Result&gt;code&lt;/Result&gt;&lt;/{root}&gt;</c>: the call-control answers.</summary>
    public static EscauxAnswer Result(string root, int code) => new(new XElement(root, new XElement("Result", code)), null);

    public static JsonNode FromXml(XElement element)
    {
        if (!element.HasElements)
        {
            return element.Name.LocalName == "Result" && int.TryParse(element.Value, out var code) ? JsonValue.Create(code) : JsonValue.Create(element.Value);
        }

        var result = new JsonObject();
        foreach (var group in element.Elements().GroupBy(e => e.Name.LocalName))
        {
            var items = group.ToList();
            result[group.Key] = items.Count == 1 && !IsListItem(element, group.Key)
                ? FromXml(items[0])
                : new JsonArray([.. items.Select(FromXml)]);
        }

        return result;
    }

    /// <summary>Lists keep their array form with one item: a container's children all share one name.</summary>
    private static bool IsListItem(XElement parent, string name) =>
        parent.Elements().All(e => e.Name.LocalName == name) && parent.Parent is null && ListRoots.Contains(parent.Name.LocalName);

    private static readonly HashSet<string> ListRoots = ["Channels", "Members", "Queues", "PhoneState", "CallHistory", "dbGetRegistrationResult"];
}
