using System.Collections.Immutable;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using PbxGrains.Abstractions.Contracts;

namespace PbxGrains.Surfaces.Escaux;

/// <summary>Profile parameters and pincodes: dbGetProfileParameters, dbSetProfileParameters, dbAuthenticate, dbCheckPincode.</summary>
public static partial class EscauxApi
{
    /// <summary>The parameter dbAuthenticate reads when none is named.</summary>
    private const string DefaultPincodeParameter = "UserPincode";

    private const int MaxParameterValue = 255;

    internal static class SetParametersCode
    {
        public const int Ok = 0;
        public const int Invalid = 1;
        public const int Unknown = 2;
        public const int NotApplicable = 3;
        public const int SyncFailed = 5;
    }

    private static readonly string[] SetParametersTexts =
        ["OK", "Missing or syntactically invalid parameter", "Unknown global parameter", "Global parameter not applicable to profile", "", "Sync to SMP failed"];

    public static async Task<EscauxAnswer> GetProfileParametersAsync(EscauxRequest request)
    {
        var extension = await EscauxData.ExtensionAsync(request, request.Text("ext"));
        var showAdmin = request.Text("show_admin") == "1";
        var lang = request.Text("lang");
        var xml = new XElement("ProfileParameters");
        var json = new JsonObject();
        if (extension is not null)
        {
            var profile = EscauxData.Profile(await EscauxData.CatalogueAsync(request), extension.Config.Profile);
            foreach (var parameter in ParametersOf(extension.Config, profile).Where(p => showAdmin || p.Scope == ParameterScope.User))
            {
                var friendly = lang is not null && parameter.Translations.TryGetValue(lang, out var t) ? t : parameter.FriendlyName;
                var value = extension.Config.ProfileParameters.GetValueOrDefault(parameter.Name, parameter.Default);
                var owner = parameter.Scope == ParameterScope.Admin ? "AdminVar" : "UserVar";
                xml.Add(new XElement(EscauxXml.Name(parameter.Name),
                    new XElement("name", parameter.Name),
                    new XElement("friendly_name", friendly),
                    new XElement("descr", parameter.Description),
                    new XElement("value", value),
                    new XElement("type", parameter.Type),
                    new XElement("owner_type", owner),
                    new XElement("enum_options", string.Join(",", parameter.Options))));
                json[parameter.Name] = new JsonObject
                {
                    ["name"] = parameter.Name,
                    ["friendly_name"] = friendly,
                    ["descr"] = parameter.Description,
                    ["value"] = value,
                    ["type"] = parameter.Type,
                    ["owner_type"] = owner,
                    ["enum_options"] = new JsonArray([.. parameter.Options.Select(o => (JsonNode)JsonValue.Create(o))]),
                };
            }
        }

        return new EscauxAnswer(xml, json, shortEmptyElements: true);
    }

    /// <summary>The profile's parameters, then any the extension holds that its profile does not define (free text).</summary>
    private static IEnumerable<ProfileParameter> ParametersOf(ExtensionConfig config, ProfileConfig? profile)
    {
        var defined = profile?.Parameters ?? [];
        var names = defined.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return defined.Concat(config.ProfileParameters.Keys.Where(k => !names.Contains(k)).Order(StringComparer.Ordinal)
            .Select(k => new ProfileParameter { Name = k, FriendlyName = k }));
    }

    public static async Task<EscauxAnswer> SetProfileParametersAsync(EscauxRequest request)
    {
        var (code, debug) = await SetParametersCodeAsync(request);
        return SetParametersReply(code, debug);
    }

    private static EscauxAnswer SetProfileParametersFailure(EscauxRequest request) => SetProfileParametersUnreachable();

    /// <summary>Code 5, "Sync to SMP failed": what dbSetProfileParameters answers when the call model cannot be reached.</summary>
    public static EscauxAnswer SetProfileParametersUnreachable() => SetParametersReply(SetParametersCode.SyncFailed, "");

    private static EscauxAnswer SetParametersReply(int code, string debug) => new(
        new XElement("dbSetProfileParametersResult",
            new XElement("Result", code), new XElement("ResultText", SetParametersTexts[code]), new XElement("Debug", debug)),
        new JsonObject { ["Result"] = code });

    private static async Task<(int Code, string Debug)> SetParametersCodeAsync(EscauxRequest request)
    {
        var extension = await EscauxData.ExtensionAsync(request, request.Text("ext"));
        var pairs = request.Ordered.Where(p => !string.Equals(p.Key, "ext", StringComparison.OrdinalIgnoreCase)).ToList();
        if (extension is null || pairs.Count == 0)
        {
            return (SetParametersCode.Invalid, extension is null ? "ext" : "");
        }

        var catalogue = await EscauxData.CatalogueAsync(request);
        var profile = EscauxData.Profile(catalogue, extension.Config.Profile);
        var values = extension.Config.ProfileParameters;
        foreach (var (name, value) in pairs)
        {
            if (name.Length == 0 || value.Length > MaxParameterValue || value.Any(char.IsControl))
            {
                return (SetParametersCode.Invalid, name);
            }

            var own = profile?.Parameters.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
            if (own is null && !values.ContainsKey(name))
            {
                var global = catalogue.Profiles.Any(p => p.Parameters.Any(q => string.Equals(q.Name, name, StringComparison.OrdinalIgnoreCase)));
                return (global ? SetParametersCode.NotApplicable : SetParametersCode.Unknown, name);
            }

            if (own is { Options.IsEmpty: false } && !own.Options.Contains(value, StringComparer.Ordinal))
            {
                return (SetParametersCode.Invalid, name);
            }

            values = values.SetItem(own?.Name ?? name, value);
        }

        var written = await request.Pbx.Tenant(request.Tenant).UpsertExtensionAsync(extension.Config with { ProfileParameters = values });
        return written.IsOk ? (SetParametersCode.Ok, "") : (SetParametersCode.SyncFailed, written.Detail ?? "");
    }

    /// <summary>dbAuthenticate: check or set the pincode kept in a profile parameter (UserPincode unless named).</summary>
    public static async Task<EscauxAnswer> AuthenticateAsync(EscauxRequest request)
    {
        var command = request.Get("command") ?? "";
        if (command is not ("check" or "set"))
        {
            return new EscauxAnswer(new XElement("Authenticate", new XElement("Error", $"Bad command {command}")), null);
        }

        return new EscauxAnswer(new XElement("Authenticate", new XElement("Result", await AuthenticateResultAsync(request, command == "set"))), null);
    }

    private static async Task<string> AuthenticateResultAsync(EscauxRequest request, bool set)
    {
        var extension = await EscauxData.ExtensionAsync(request, request.Text("ext"));
        if (extension is null)
        {
            return "NOK";
        }

        var name = request.Text("parameter") ?? DefaultPincodeParameter;
        var profile = EscauxData.Profile(await EscauxData.CatalogueAsync(request), extension.Config.Profile);
        var defined = profile?.Parameters.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
        var key = extension.Config.ProfileParameters.Keys.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase)) ?? defined?.Name;
        if (key is null)
        {
            return "NOK";
        }

        var stored = extension.Config.ProfileParameters.GetValueOrDefault(key, defined?.Default ?? "");
        var password = request.Get("password") ?? "";
        if (!set)
        {
            return stored.Length == 0 ? "UNDEFINED" : password == stored ? "OK" : "NOK";
        }

        // "If there is currently no pincode stored for the extension, any password will be accepted."
        var newPassword = request.Get("newpassword") ?? "";
        if ((stored.Length > 0 && password != stored) || newPassword.Length > MaxParameterValue || newPassword.Any(char.IsControl))
        {
            return "NOK";
        }

        var written = await request.Pbx.Tenant(request.Tenant).UpsertExtensionAsync(
            extension.Config with { ProfileParameters = extension.Config.ProfileParameters.SetItem(key, newPassword) });
        return written.IsOk ? "OK" : "NOK";
    }

    /// <summary>dbCheckPincode (deprecated): the extension's own pincode; 0 when it matches, 1 otherwise.</summary>
    public static async Task<EscauxAnswer> CheckPincodeAsync(EscauxRequest request)
    {
        var extension = await EscauxData.ExtensionAsync(request, request.Text("ext"));
        var pincode = request.Get("pincode");
        var ok = extension is not null && !string.IsNullOrEmpty(pincode) && pincode == extension.Config.Pincode;
        return new EscauxAnswer(new XElement("dbCheckPincode", new XElement("Result", ok ? 0 : 1), new XElement("ResultText", ok ? "OK" : "NOK")), null);
    }
}
