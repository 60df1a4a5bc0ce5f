using System.Collections.Immutable;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Ids;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Surfaces.Escaux;

/// <summary>A phone as the API shows it: its id, its inventory entry, the extension it serves and that line's live state.</summary>
internal sealed record class EscauxPhone(string Tenant, string Id, PhoneConfig? Inventory, ExtensionView? Owner, bool OnSharedDesk)
{
    /// <summary>
    /// Every phone the tenant knows, by id: the inventory, the lines' phone ids, the virtual phone of each line without
    /// one (<see cref="EscauxPhoneIds"/>: it stands for the line's own device, so it shows the line's registration and
    /// calls), and the shared desks.
    /// </summary>
    public static async Task<ImmutableArray<EscauxPhone>> AllAsync(EscauxRequest request)
    {
        var extensions = await EscauxData.ExtensionsAsync(request);
        var catalogue = await EscauxData.CatalogueAsync(request);
        var routing = await request.Pbx.GetNumberRoutingAsync(request.Tenant) ?? NumberRouting.Empty;
        var byNumber = extensions.ToDictionary(e => e.Config.Number, StringComparer.Ordinal);

        var phones = new SortedDictionary<string, EscauxPhone>(StringComparer.OrdinalIgnoreCase);
        foreach (var phone in catalogue.Phones)
        {
            phones[phone.Id] = new EscauxPhone(request.Tenant, phone.Id, phone, null, false);
        }

        foreach (var extension in extensions)
        {
            foreach (var id in extension.Config.DeviceIds.IsEmpty ? [EscauxPhoneIds.Of(request.Tenant, extension.Config)] : extension.Config.DeviceIds.AsEnumerable())
            {
                phones[id] = new EscauxPhone(request.Tenant, id, phones.GetValueOrDefault(id)?.Inventory, extension, false);
            }
        }

        foreach (var desk in routing.HotDesks.Where(d => d.Device.Length > 0))
        {
            var user = desk.Extension is { } number ? byNumber.GetValueOrDefault(number) : null;
            phones[desk.Device] = new EscauxPhone(request.Tenant, desk.Device, phones.GetValueOrDefault(desk.Device)?.Inventory, user, true);
        }

        return [.. phones.Values];
    }

    public bool Registered => Owner?.Registration is not null && Inventory?.Kind != PhoneKind.Virtual;

    /// <summary>
    /// The owner's live channels that ring or talk on this phone: those named after it, or, on a line whose channels are
    /// named after its number, those of its primary phone (and of the shared desk its user is logged in at).
    /// </summary>
    public IEnumerable<ChannelSnapshot> Channels => Owner is null ? [] : Owner.Channels.Where(c => !c.IsHungUp && IsOnPhone(c.Name));

    /// <summary>When the phone's last call started: its live call, else its newest call among <paramref name="records"/>.</summary>
    public DateTimeOffset? LastCall(IEnumerable<CdrRecord> records) =>
        Channels.LastOrDefault()?.Created ??
        records.Where(Took).Select(r => (DateTimeOffset?)r.Start).Max();

    /// <summary>Whether the call of <paramref name="record"/> rang or talked on this phone.</summary>
    public bool Took(CdrRecord record) => IsOnPhone(record.Channel) || IsOnPhone(record.DestinationChannel);

    /// <summary>Whether a channel of the owner's line rang or talked on this phone (see <see cref="Channels"/>).</summary>
    private bool IsOnPhone(string channel)
    {
        if (Owner is null || channel.Length == 0)
        {
            return false;
        }

        var peer = Peer(channel);
        if (string.Equals(peer, Id, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return string.Equals(peer, Owner.Config.Peer, StringComparison.OrdinalIgnoreCase) &&
            !Owner.Config.DeviceIds.Contains(peer, StringComparer.OrdinalIgnoreCase) &&
            (OnSharedDesk || IsPrimaryOf(Owner.Config));
    }

    /// <summary>Whether this is the line's primary phone, or the virtual phone of a line without phones.</summary>
    private bool IsPrimaryOf(ExtensionConfig line) => string.Equals(EscauxPhoneIds.Of(Tenant, line), Id, StringComparison.OrdinalIgnoreCase);

    /// <summary>The phone's state in the product's words: Down, Idle, Ring, Ringing, Up, Internal or External Conversation.</summary>
    public string State(ISet<string> extensionNumbers)
    {
        if (!Registered)
        {
            return "Down";
        }

        var channel = Channels.LastOrDefault();
        return channel switch
        {
            null => "Idle",
            { State: ChannelState.Ringing } => "Ringing",
            { State: ChannelState.Ring } => "Ring",
            { State: ChannelState.Up, LinkedChannel: not null } c => extensionNumbers.Contains(c.ConnectedLineNumber) ? "Internal Conversation" : "External Conversation",
            _ => "Up",
        };
    }

    private static string Peer(string channel)
    {
        var device = UniqueId.DeviceOf(channel);
        var slash = device.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? device : device[(slash + 1)..];
    }
}
