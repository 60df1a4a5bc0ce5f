using System.Collections.Immutable;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Ids;

namespace PbxGrains.Surfaces.Escaux;

/// <summary>Reads of the call model that several handlers share.</summary>
internal static class EscauxData
{
    /// <summary>Every extension of the tenant (none for an unknown tenant), by number.</summary>
    public static async Task<ImmutableArray<ExtensionView>> ExtensionsAsync(EscauxRequest request)
    {
        var views = await request.Pbx.ListExtensionsAsync(request.Tenant);
        return [.. views.OrderBy(v => v.Config.Number, NumberOrder.Instance)];
    }

    /// <summary>The extension, or null when the number is malformed or no extension has it.</summary>
    public static async Task<ExtensionView?> ExtensionAsync(EscauxRequest request, string? number)
    {
        if (!DialableNumber.IsValid(number))
        {
            return null;
        }

        var view = await request.Pbx.Extension(request.Tenant, number!).GetAsync();
        return view.Exists ? view : null;
    }

    public static async Task<DirectoryCatalogue> CatalogueAsync(EscauxRequest request) =>
        await request.Pbx.Tenant(request.Tenant).GetDirectoryAsync() ?? DirectoryCatalogue.Empty;

    public static ProfileConfig? Profile(DirectoryCatalogue catalogue, string? name) =>
        name is null ? null : catalogue.Profiles.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The extension a phone id (or device name) belongs to: its line, the user logged in at a shared desk, or the
    /// phoneless line a virtual phone id names (<see cref="EscauxPhoneIds"/>; a phone the call model knows comes first).
    /// </summary>
    public static async Task<ExtensionView?> PhoneOwnerAsync(EscauxRequest request, string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return null;
        }

        if (await request.Pbx.Tenant(request.Tenant).FindExtensionAsync(ExtensionLookup.Device, phone) is { } number)
        {
            return await ExtensionAsync(request, number);
        }

        // A line with phones is reached by them, not by the virtual id its number would give.
        return EscauxPhoneIds.NumberOf(request.Tenant, phone) is { } line && await ExtensionAsync(request, line) is { Config.DeviceIds.IsEmpty: true } phoneless
            ? phoneless
            : null;
    }

    public static string Primary(ExtensionConfig config) => config.DeviceIds.Length > 0 ? config.DeviceIds[0] : "";

    public static string Secondary(ExtensionConfig config) => config.DeviceIds.Length > 1 ? config.DeviceIds[1] : "";

    /// <summary>Numbers in numeric order where both are digits, else ordinal.</summary>
    public sealed class NumberOrder : IComparer<string>
    {
        public static readonly NumberOrder Instance = new();

        public int Compare(string? x, string? y)
        {
            if (x is not null && y is not null && x.All(char.IsAsciiDigit) && y.All(char.IsAsciiDigit) && x.Length != y.Length)
            {
                return x.Length.CompareTo(y.Length);
            }

            return string.CompareOrdinal(x, y);
        }
    }
}
