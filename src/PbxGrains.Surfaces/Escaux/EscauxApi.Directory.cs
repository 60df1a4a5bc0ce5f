using System.Text.Json.Nodes;
using System.Xml.Linq;
using PbxGrains.Abstractions.Contracts;

namespace PbxGrains.Surfaces.Escaux;

/// <summary>dbGetDirectoryInfo: the corporate directory, filtered on any of its fields.</summary>
public static partial class EscauxApi
{
    /// <summary>The JSON fields, in the document's (alphabetical) order; each also names a filter.</summary>
    private static readonly string[] JsonFields =
    [
        "admin", "company", "context_id", "context_name", "dp", "email", "ext", "fax", "fn", "grp", "home", "ln", "login",
        "mobile", "office", "outgoing_number", "profile", "site", "sop1", "sop1_ip", "sop2", "sop2_ip", "source", "sp", "status",
    ];

    /// <summary>The XML fields, in the order of the document's example answer.</summary>
    private static readonly string[] XmlFields =
    [
        "login", "ext", "fn", "ln", "site", "grp", "profile", "status", "dp", "sp", "email", "mobile", "fax", "home", "pincode",
        "company", "office", "source",
    ];

    public static async Task<EscauxAnswer> GetDirectoryInfoAsync(EscauxRequest request)
    {
        var filters = JsonFields
            .Select(f => (Field: f, Pattern: request.Get(f)))
            .Where(f => !string.IsNullOrEmpty(f.Pattern))
            .Select(f => (f.Field, Like: EscauxLike.Create(f.Pattern!, request.Get("wildcards"))))
            .ToList();
        var showHidden = request.Text("show_invisible") == "1";
        var showParameters = request.Text("show_profile_parameters") == "1";
        var catalogue = showParameters ? await EscauxData.CatalogueAsync(request) : DirectoryCatalogue.Empty;

        var entries = (await EscauxData.ExtensionsAsync(request))
            .Where(e => showHidden || e.Config.Person?.Hidden != true)
            .Select(e => (Fields: DirectoryFields(e.Config), e.Config))
            .Where(e => filters.All(f => f.Like.Matches(e.Fields[f.Field])))
            .ToList();

        var xml = new XElement("DirectoryInfo");
        var json = new JsonArray();
        foreach (var (fields, config) in entries)
        {
            var parameters = showParameters ? ShownParameters(config, catalogue) : [];
            var entry = new XElement("DirectoryEntry", XmlFields.Select(f => new XElement(f, fields[f] ?? "")));
            entry.Add(parameters.Select(p => new XElement(EscauxXml.Name(p.Key), p.Value)));
            xml.Add(entry);

            var item = new JsonObject();
            foreach (var field in JsonFields)
            {
                item[field] = fields[field] is { } value ? JsonValue.Create(value) : null;
            }

            foreach (var (name, value) in parameters)
            {
                item[name] = value;
            }

            json.Add(item);
        }

        return new EscauxAnswer(xml, json);
    }

    /// <summary>An entry's fields by name; null where the product's database holds NULL.</summary>
    private static Dictionary<string, string?> DirectoryFields(ExtensionConfig config)
    {
        var person = config.Person ?? new PersonDetails { FirstName = config.Name };
        string Server(int index, bool address) =>
            person.Servers.Length > index ? (address ? person.Servers[index].Address : person.Servers[index].Key) : "";
        return new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["admin"] = person.Admin,
            ["company"] = person.Company,
            ["context_id"] = person.ContextId,
            ["context_name"] = config.Dialplan,
            ["dp"] = EscauxData.Primary(config),
            ["email"] = person.Email,
            ["ext"] = config.Number,
            ["fax"] = person.Fax,
            ["fn"] = person.FirstName,
            ["grp"] = person.Group,
            ["home"] = person.Home,
            ["ln"] = person.LastName,
            ["login"] = person.Login,
            ["mobile"] = person.Mobile,
            ["office"] = person.Office,
            ["outgoing_number"] = person.OutgoingNumber,
            ["profile"] = config.Profile ?? "",
            ["site"] = person.Site,
            ["sop1"] = Server(0, false),
            ["sop1_ip"] = Server(0, true),
            ["sop2"] = Server(1, false),
            ["sop2_ip"] = Server(1, true),
            ["source"] = person.Source,
            ["sp"] = EscauxData.Secondary(config),
            ["status"] = config.Status ?? "",
            ["pincode"] = config.Pincode ?? "",
        };
    }

    /// <summary>
    /// The extension's profile parameters (its own values over the profile's defaults), by name. A parameter of a
    /// parameter set (a dotted name such as <c>CFU.Number</c>) is shown with the <c>P_</c> prefix.
    /// </summary>
    private static List<KeyValuePair<string, string>> ShownParameters(ExtensionConfig config, DirectoryCatalogue catalogue)
    {
        var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var parameter in EscauxData.Profile(catalogue, config.Profile)?.Parameters ?? [])
        {
            values[parameter.Name] = parameter.Default;
        }

        foreach (var (name, value) in config.ProfileParameters)
        {
            values[name] = value;
        }

        return [.. values.Select(v => new KeyValuePair<string, string>(v.Key.Contains('.', StringComparison.Ordinal) ? "P_" + v.Key : v.Key, v.Value))];
    }
}
