using System.Globalization;
using PbxGrains.Abstractions.Contracts;

namespace PbxGrains.Grains.Catalogue;

/// <summary>
/// The tenant's lookup tables, rebuilt from its catalogue whenever the catalogue changes, so resolving a number or
/// finding an extension costs a dictionary lookup. Resolution follows a simple dialplan: extensions, their public
/// numbers (DIDs), queues, ring groups, parking slots, then the outside world.
/// </summary>
public sealed class TenantIndex
{
    private readonly TenantState _tenant;
    private readonly NumberRouting _routing;
    private readonly Dictionary<string, string> _byPublicNumber = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _bySipUser = new(StringComparer.Ordinal);
    private readonly Dictionary<int, string> _byDatabaseId = [];
    private readonly Dictionary<string, string> _byDevice = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _queueByNumber = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NumberRoute> _numberRoutes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _hotDeskNumbers = new(StringComparer.Ordinal);

    /// <param name="routing">The inbound number routing (its own grain's), which routed numbers and hot desks follow.</param>
    public TenantIndex(TenantState tenant, NumberRouting routing)
    {
        _tenant = tenant;
        _routing = routing;
        foreach (var (number, entry) in tenant.Extensions)
        {
            if (entry.PublicNumber is { Length: > 0 } did)
            {
                _byPublicNumber.TryAdd(did.TrimStart('+'), number);
            }

            _bySipUser.TryAdd(entry.SipUser, number);
            if (entry.DatabaseId is { } id)
            {
                _byDatabaseId.TryAdd(id, number);
            }

            _byDevice.TryAdd(entry.Device, number);
            foreach (var device in entry.DeviceIds)
            {
                _byDevice.TryAdd(device, number);
            }
        }

        // A desk's device reaches whoever is logged in at it, in place of any line that lists the device itself.
        foreach (var desk in routing.HotDesks)
        {
            if (desk.Extension is { Length: > 0 } user && tenant.Extensions.ContainsKey(user))
            {
                if (desk.Device.Length > 0)
                {
                    _byDevice[desk.Device] = user;
                }

                if (desk.Number is { Length: > 0 } deskNumber)
                {
                    _hotDeskNumbers.TryAdd(deskNumber, user);
                }
            }
        }

        foreach (var route in routing.Numbers)
        {
            _numberRoutes.TryAdd(NumberRoutes.Normalize(route.Number), route);
        }

        foreach (var (queue, number) in tenant.Queues)
        {
            _queueByNumber.TryAdd(queue, queue);
            if (number.Length > 0)
            {
                _queueByNumber.TryAdd(number, queue);
            }
        }
    }

    public string? FindExtension(ExtensionLookup by, string value) => by switch
    {
        ExtensionLookup.Number => _tenant.Extensions.ContainsKey(value) ? value : null,
        ExtensionLookup.PublicNumber => _byPublicNumber.GetValueOrDefault(value.TrimStart('+')),
        ExtensionLookup.SipUser => _bySipUser.GetValueOrDefault(value),
        ExtensionLookup.DatabaseId => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? _byDatabaseId.GetValueOrDefault(id) : null,
        ExtensionLookup.Device => _byDevice.GetValueOrDefault(value) ?? DeviceWithoutTech(value),
        _ => null,
    };

    /// <summary>
    /// What <paramref name="number"/> reaches. With <paramref name="at"/> (a call being set up), inbound number routes
    /// apply first, at that instant; without it (the catalogue checking which numbers are taken) they do not.
    /// </summary>
    public Destination Resolve(string number, DateTimeOffset? at = null) => Resolve(number, at, depth: 0);

    private Destination Resolve(string number, DateTimeOffset? at, int depth)
    {
        number = number.Trim();
        // A route may lead to another routed number; a short chain is allowed, a loop is not followed forever.
        if (at is { } now && depth < 4 && number.Length > 0 && _numberRoutes.TryGetValue(NumberRoutes.Normalize(number), out var routed) &&
            !_tenant.Extensions.ContainsKey(number))
        {
            var target = NumberRoutes.Target(_routing, routed, now);
            return target is null
                ? new Destination(DestinationKind.Unknown, "", number)
                : Resolve(target, now, depth + 1) with { Number = number };
        }

        if (_hotDeskNumbers.TryGetValue(number, out var deskUser))
        {
            return new Destination(DestinationKind.Extension, deskUser, number);
        }

        if (number.Length == 0)
        {
            return new Destination(DestinationKind.Unknown, "", number);
        }

        if (_tenant.Extensions.ContainsKey(number))
        {
            return new Destination(DestinationKind.Extension, number, number);
        }

        if (_byPublicNumber.TryGetValue(number.TrimStart('+'), out var extension))
        {
            return new Destination(DestinationKind.Extension, extension, number);
        }

        if (_queueByNumber.TryGetValue(number, out var queue))
        {
            return new Destination(DestinationKind.Queue, queue, number);
        }

        if (_tenant.RingGroups.Contains(number))
        {
            return new Destination(DestinationKind.RingGroup, number, number);
        }

        // Only the slot's own digits reach it: "0701" is not slot 701.
        if (int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var slot) &&
            slot.ToString(CultureInfo.InvariantCulture) == number)
        {
            foreach (var (lot, config) in _tenant.ParkingLots)
            {
                if (config.Contains(slot))
                {
                    return new Destination(DestinationKind.ParkingSlot, $"{lot}/{slot}", number);
                }
            }
        }

        var prefix = _tenant.Settings.OutsidePrefix;
        var outside = prefix.Length == 0 ? number : number.StartsWith(prefix, StringComparison.Ordinal) ? number[prefix.Length..] : null;
        return outside is not null && IsPhoneNumber(outside)
            ? new Destination(DestinationKind.External, outside, number)
            : new Destination(DestinationKind.Unknown, "", number);
    }

    /// <summary>A device named without its technology ("4002" for "SIP/4002") is accepted too.</summary>
    private string? DeviceWithoutTech(string value) =>
        value.Contains('/') ? null : _bySipUser.GetValueOrDefault(value);

    private static bool IsPhoneNumber(string number)
    {
        var digits = number.StartsWith('+') ? number.AsSpan(1) : number.AsSpan();
        return digits.Length is > 0 and <= 24 && !digits.ContainsAnyExcept("0123456789*#");
    }
}
