using System.Globalization;
using System.Xml.Linq;
using PbxGrains.Abstractions.Contracts;

namespace PbxGrains.Surfaces.Escaux;

/// <summary>Phones: dbGetPhoneState (deprecated) and dbGetRegistration.</summary>
public static partial class EscauxApi
{
    /// <summary>Each parameter filters on its field (exactly, ignoring case).</summary>
    public static async Task<EscauxAnswer> GetPhoneStateAsync(EscauxRequest request)
    {
        var phones = await EscauxPhone.AllAsync(request);
        var numbers = (await request.Pbx.Tenant(request.Tenant).GetAsync())?.Extensions.ToHashSet(StringComparer.Ordinal) ?? [];
        // The last call of an idle phone comes from today's call records (the day the product's phone screen shows).
        var today = await LastCallsAsync(request, phones);
        var xml = new XElement("PhoneState");
        foreach (var phone in phones)
        {
            var channel = phone.Channels.LastOrDefault();
            var fields = new (string Name, string Value, string? Filter)[]
            {
                ("name", phone.Id, "phone_id"),
                ("mac", phone.Inventory?.Mac ?? "", "phone_mac"),
                ("state", phone.State(numbers), "phone_state"),
                ("ip", phone.Registered ? phone.Owner!.Registration!.Host : "", null),
                // The product prints month-day hour:minute:second without padding ("7-25 17:34:9").
                ("lastcall", phone.LastCall(today)?.ToString("M-d H:m:s", CultureInfo.InvariantCulture) ?? "", null),
                ("localchannel", channel?.Name ?? "", "localchannel"),
                ("remotechannel", channel?.LinkedChannel ?? "", "remotechannel"),
            };
            if (fields.All(f => f.Filter is null || request.Text(f.Filter) is not { } wanted || string.Equals(wanted, f.Value, StringComparison.OrdinalIgnoreCase)))
            {
                xml.Add(new XElement("Phone", fields.Select(f => new XElement(f.Name, f.Value))));
            }
        }

        return new EscauxAnswer(xml, null);
    }

    /// <summary>How many of today's CDRs a phone-state query reads at most, newest first, looking for idle phones' last calls.</summary>
    public const int PhoneStateMaxScanned = 100_000;

    /// <summary>Today's newest CDR of every idle phone that has one within the budget (newest first, stopping once all have theirs).</summary>
    private static async Task<List<CdrRecord>> LastCallsAsync(EscauxRequest request, IReadOnlyList<EscauxPhone> phones)
    {
        var waiting = phones.Where(p => p.Owner is not null && !p.Channels.Any()).ToList();
        var found = new List<CdrRecord>();
        var scanned = 0;
        await foreach (var record in request.Pbx.NewestCdrsAsync(request.Tenant, DateOnly.FromDateTime(request.Pbx.Clock.Now.UtcDateTime)))
        {
            if (waiting.Count == 0 || ++scanned > PhoneStateMaxScanned)
            {
                break;
            }

            if (waiting.RemoveAll(p => p.Took(record)) > 0)
            {
                found.Add(record);
            }
        }

        return found;
    }

    public static async Task<EscauxAnswer> GetRegistrationAsync(EscauxRequest request)
    {
        var xml = new XElement("dbGetRegistrationResult");
        foreach (var phone in await EscauxPhone.AllAsync(request))
        {
            var registration = phone.Registered ? phone.Owner!.Registration : null;
            xml.Add(new XElement("Phones",
                new XElement("ID", phone.Id),
                new XElement("IPaddress", registration?.Host ?? "-none-"),
                new XElement("IPport", registration?.Port ?? 0),
                new XElement("Registered", registration is null ? 0 : 1)));
        }

        return new EscauxAnswer(xml, null);
    }
}
