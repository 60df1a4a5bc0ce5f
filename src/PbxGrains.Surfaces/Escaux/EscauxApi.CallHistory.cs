using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Ids;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Surfaces.Escaux;

/// <summary>dbGetCallHistory: an extension's placed, missed and answered calls since a date, newest first.</summary>
public static partial class EscauxApi
{
    /// <summary>
    /// How far back a query reaches. CDRs are kept per day, so an older start date would read a day's store for every
    /// day since; the product's own history is bounded by its CDR retention too.
    /// </summary>
    public const int CallHistoryMaxDays = 92;

    /// <summary>
    /// How many CDRs one query reads at most, newest first, before it answers what it found: an extension with few calls
    /// in a long history costs a request no more than this.
    /// </summary>
    public const int CallHistoryMaxScanned = 200_000;

    /// <summary>How far apart in end time two calls may be written out of order (each call writes its own CDR when it ends).</summary>
    private static readonly TimeSpan CallHistoryWriteSlack = TimeSpan.FromMinutes(5);

    private static readonly string[] HistoryXmlOrder =
        ["timestamp", "caller_name", "caller_number", "called_number", "last_action", "last_application", "context", "origchannel", "dstchannel", "duration", "billsec", "uniqueid", "disposition"];

    private static readonly string[] HistoryJsonOrder =
        ["timestamp", "caller_name", "caller_number", "called_number", "disposition", "last_action", "last_application", "context", "origchannel", "dstchannel", "duration", "billsec", "uniqueid"];

    public static async Task<EscauxAnswer> GetCallHistoryAsync(EscauxRequest request)
    {
        var extension = await EscauxData.ExtensionAsync(request, request.Text("ext"));
        var limitOk = int.TryParse(request.Text("limit"), NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit > 0;
        var startOk = DateTime.TryParseExact(request.Text("start_date"), "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var start);
        var calls = new List<Dictionary<string, string>>();
        if (extension is not null && limitOk && startOk)
        {
            var now = request.Pbx.Clock.Now;
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            var first = DateOnly.FromDateTime(start);
            var earliest = today.AddDays(-CallHistoryMaxDays);
            var found = new List<(CdrRecord Record, string Code)>();
            var scanned = 0;
            var reachedStart = false;
            for (var day = today; day >= (first < earliest ? earliest : first) && found.Count < limit && scanned < CallHistoryMaxScanned && !reachedStart; day = day.AddDays(-1))
            {
                // Newest first, so the query stops as soon as it has its calls, and at the start date: a call that
                // ended before it started before it, and so did the calls read after it (give or take the order in
                // which calls ending together were written, hence the slack). The query reads the calls of its own
                // window, however long the history before it.
                await foreach (var record in request.Pbx.NewestCdrsAsync(request.Tenant, day))
                {
                    if (++scanned > CallHistoryMaxScanned)
                    {
                        break;
                    }

                    if (record.End.UtcDateTime < start - CallHistoryWriteSlack)
                    {
                        reachedStart = true;
                        break;
                    }

                    if (record.Start.UtcDateTime >= start && DispositionCode(record, extension.Config) is { } code)
                    {
                        found.Add((record, code));
                        if (found.Count >= limit)
                        {
                            break;
                        }
                    }
                }
            }

            calls = [.. found.OrderByDescending(r => r.Record.Start).Select(r => HistoryFields(r.Record, r.Code))];
        }

        var xml = new XElement("CallHistory", calls.Select(c => new XElement("Call", HistoryXmlOrder.Select(f => new XElement(f, c[f])))));
        var json = new JsonObject
        {
            ["CallHistory"] = new JsonArray([.. calls.Select(c => (JsonNode)new JsonObject(HistoryJsonOrder.Select(f => KeyValuePair.Create(f, (JsonNode?)JsonValue.Create(c[f])))))]),
        };
        return new EscauxAnswer(xml, json);
    }

    /// <summary>
    /// 000-003 placed (by any, the primary, the secondary or the mobile phone), 100-103 missed, 200-203 answered, 300 sent
    /// to voicemail; null when the call is not the extension's. A line without phones gets the bare code (x00).
    /// </summary>
    internal static string? DispositionCode(CdrRecord record, ExtensionConfig extension)
    {
        var placed = record.Source == extension.Number || IsLine(record.Channel, extension);
        var received = !placed && (record.Destination == extension.Number || IsLine(record.DestinationChannel, extension));
        if (!placed && !received)
        {
            return null;
        }

        if (received && record.LastApplication.Equals("VoiceMail", StringComparison.OrdinalIgnoreCase))
        {
            return "300";
        }

        var channel = placed ? record.Channel : record.DestinationChannel;
        var phone = extension.DeviceIds.IsEmpty ? 0 : extension.DeviceIds.Length > 1 && Peer(channel).Equals(extension.DeviceIds[1], StringComparison.OrdinalIgnoreCase) ? 2 : 1;
        var kind = placed ? 0 : record.Disposition == CdrDisposition.Answered ? 2 : 1;
        return string.Create(CultureInfo.InvariantCulture, $"{kind}0{phone}");
    }

    private static bool IsLine(string channel, ExtensionConfig extension)
    {
        if (channel.Length == 0)
        {
            return false;
        }

        var peer = Peer(channel);
        return peer.Equals(extension.Peer, StringComparison.OrdinalIgnoreCase) || extension.DeviceIds.Contains(peer, StringComparer.OrdinalIgnoreCase);
    }

    private static string Peer(string channel)
    {
        var device = UniqueId.DeviceOf(channel);
        return device[(device.IndexOf('/', StringComparison.Ordinal) + 1)..];
    }

    private static Dictionary<string, string> HistoryFields(CdrRecord record, string code) => new(StringComparer.Ordinal)
    {
        ["timestamp"] = record.Start.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        ["caller_name"] = record.CallerIdName,
        ["caller_number"] = record.Source,
        ["called_number"] = record.Destination,
        ["disposition"] = code,
        // Asterisk's lastdata of a Dial: the device dialled.
        ["last_action"] = record.DestinationChannel.Length > 0 ? UniqueId.DeviceOf(record.DestinationChannel) : "",
        ["last_application"] = record.LastApplication,
        ["context"] = record.DestinationContext,
        ["origchannel"] = record.Channel,
        ["dstchannel"] = record.DestinationChannel,
        ["duration"] = record.Duration.ToString(CultureInfo.InvariantCulture),
        ["billsec"] = record.BillSec.ToString(CultureInfo.InvariantCulture),
        ["uniqueid"] = record.UniqueId,
    };
}
