using System.Text.Json.Nodes;
using System.Xml.Linq;
using PbxGrains.Abstractions.Contracts;

namespace PbxGrains.Surfaces.Escaux;

/// <summary>An extension's profile and status: dbGetCallflow, dbGetNextStatus (deprecated) and dbSetProfile.</summary>
public static partial class EscauxApi
{
    /// <summary>dbSetProfile's codes.</summary>
    internal static class SetProfileCode
    {
        public const int Ok = 0;
        public const int IllegalExtension = 1;
        public const int ClassChange = 2;
        public const int NoSuchProfile = 3;
        public const int SyncFailed = 5;
    }

    public static async Task<EscauxAnswer> GetCallflowAsync(EscauxRequest request)
    {
        var extension = await EscauxData.ExtensionAsync(request, request.Text("ext"));
        var profile = extension is null ? null : EscauxData.Profile(await EscauxData.CatalogueAsync(request), extension.Config.Profile);
        var statuses = profile?.Statuses ?? [];
        var lang = request.Text("lang");
        string Translated(ProfileStatus s) => lang is not null && s.Translations.TryGetValue(lang, out var t) ? t : s.Name;

        var xml = new XElement("dbGetCallflowResult",
            new XElement("CurrentProfile", extension?.Config.Profile ?? ""),
            new XElement("CurrentStatus", extension?.Config.Status ?? ""),
            statuses.Select(s => new XElement("Status", s.Name)));
        if (lang is not null)
        {
            // "There are as many Translation as there are Status."
            xml.Add(new XElement("Translations", statuses.Select(s =>
                new XElement("Translation", new XElement("Name", s.Name), new XElement("TranslatedName", Translated(s))))));
        }

        var json = new JsonObject
        {
            ["PermissionStatus"] = new JsonArray([.. statuses.Select(s => (JsonNode)JsonValue.Create(s.Permission))]),
            ["Status"] = new JsonArray([.. statuses.Select(s => (JsonNode)JsonValue.Create(s.Name))]),
            ["TranslatedStatus"] = new JsonArray([.. statuses.Select(s => (JsonNode)JsonValue.Create(Translated(s)))]),
            ["CurrentProfile"] = extension?.Config.Profile ?? "",
            ["CurrentStatus"] = extension?.Config.Status ?? "",
        };
        return new EscauxAnswer(xml, json);
    }

    /// <summary>Deprecated, still served: the profile, the status and the one after it in the profile's list (cycling).</summary>
    public static async Task<EscauxAnswer> GetNextStatusAsync(EscauxRequest request)
    {
        var extension = await EscauxData.ExtensionAsync(request, request.Text("ext"));
        var profile = extension is null ? null : EscauxData.Profile(await EscauxData.CatalogueAsync(request), extension.Config.Profile);
        var statuses = profile?.Statuses ?? [];
        var current = statuses.IndexOf(statuses.FirstOrDefault(s => string.Equals(s.Name, extension?.Config.Status, StringComparison.OrdinalIgnoreCase))!);
        var next = statuses.IsEmpty ? "" : statuses[(current + 1) % statuses.Length].Name;
        return new EscauxAnswer(new XElement("dbGetNextStatusResult",
            new XElement("Profile", extension?.Config.Profile ?? ""),
            new XElement("Status", extension?.Config.Status ?? ""),
            new XElement("Next_Status", next)), null);
    }

    public static async Task<EscauxAnswer> SetProfileAsync(EscauxRequest request) => SetProfileReply(await SetProfileCodeAsync(request));

    private static EscauxAnswer SetProfileFailure(EscauxRequest request) => SetProfileUnreachable();

    /// <summary>Code 5, "synchronization to SMP failed": what dbSetProfile answers when the call model cannot be reached.</summary>
    public static EscauxAnswer SetProfileUnreachable() => SetProfileReply(SetProfileCode.SyncFailed);

    private static EscauxAnswer SetProfileReply(int code) => EscauxAnswer.Result("dbSetProfileResult", code);

    private static async Task<int> SetProfileCodeAsync(EscauxRequest request)
    {
        var profileName = request.Text("profile_name");
        var status = request.Text("status");
        var extension = await EscauxData.ExtensionAsync(request, request.Text("ext"));
        if (extension is null || (profileName is null && status is null))
        {
            return SetProfileCode.IllegalExtension;
        }

        var catalogue = await EscauxData.CatalogueAsync(request);
        var current = EscauxData.Profile(catalogue, extension.Config.Profile);
        var target = current;
        if (profileName is not null)
        {
            // "User.Forward": profile User, status Forward.
            var dot = profileName.IndexOf('.', StringComparison.Ordinal);
            target = EscauxData.Profile(catalogue, dot < 0 ? profileName : profileName[..dot]);
            if (target is null)
            {
                return SetProfileCode.NoSuchProfile;
            }

            if (current is not null && !string.Equals(current.Class, target.Class, StringComparison.OrdinalIgnoreCase))
            {
                return SetProfileCode.ClassChange;
            }

            status ??= dot < 0 ? null : profileName[(dot + 1)..];
        }

        if (target is null)
        {
            return SetProfileCode.NoSuchProfile;
        }

        var chosen = status is null
            ? target.Statuses.FirstOrDefault(s => string.Equals(s.Name, extension.Config.Status, StringComparison.OrdinalIgnoreCase)) ?? target.Statuses.FirstOrDefault()
            : target.Statuses.FirstOrDefault(s => string.Equals(s.Name, status, StringComparison.OrdinalIgnoreCase));
        if (status is not null && chosen is null)
        {
            return SetProfileCode.NoSuchProfile;
        }

        var written = await request.Pbx.Tenant(request.Tenant).UpsertExtensionAsync(extension.Config with { Profile = target.Name, Status = chosen?.Name });
        return written.IsOk ? SetProfileCode.Ok : SetProfileCode.SyncFailed;
    }
}
