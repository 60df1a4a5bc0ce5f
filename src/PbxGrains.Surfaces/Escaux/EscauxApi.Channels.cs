using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Surfaces.Escaux;

/// <summary>Live channels: ccGetChannels, dbGetParkedChannels, ccRecord, ccSetVar and ccGetVar.</summary>
public static partial class EscauxApi
{
    public static async Task<EscauxAnswer> GetChannelsAsync(EscauxRequest request)
    {
        var parkedOnly = request.Flag("parked_only");
        var holdOnly = request.Flag("hold_only");
        var vars = request.Text("show_vars")?.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        var now = request.Pbx.Clock.Now;
        var xml = new XElement("Channels");
        foreach (var channel in await request.Pbx.ListChannelsAsync(request.Tenant))
        {
            if ((parkedOnly || holdOnly) && !((parkedOnly && channel.ParkedSlot is not null) || (holdOnly && channel.OnHold)))
            {
                continue;
            }

            var element = new XElement("Channel",
                new XElement("ID", channel.Name),
                new XElement("CallerId", $"\"{channel.CallerIdName}\" [{channel.CallerIdNumber}]"),
                new XElement("Seconds", ((long)Math.Max(0, (now - channel.Created).TotalSeconds)).ToString(CultureInfo.InvariantCulture)),
                new XElement("State", channel.State.AsteriskName()),
                new XElement("Link", channel.LinkedChannel ?? ""));
            if (vars.Length > 0)
            {
                element.Add(new XElement("Vars", vars.Select(v => new XElement(EscauxXml.Name(v), channel.Variables.GetValueOrDefault(v, "")))));
            }

            xml.Add(element);
        }

        return new EscauxAnswer(xml, null);
    }

    /// <summary>Every parked channel (or only channel_id's), with a hash of the list so a poller can tell it changed.</summary>
    public static async Task<EscauxAnswer> GetParkedChannelsAsync(EscauxRequest request)
    {
        var only = request.Text("channel_id");
        var parked = new List<(ParkedCallView Call, string Variables)>();
        foreach (var lot in await request.Pbx.ListParkingLotsAsync(request.Tenant))
        {
            foreach (var call in lot.Parked.OrderBy(p => p.Slot))
            {
                if (only is not null && !string.Equals(only, call.Channel, StringComparison.Ordinal))
                {
                    continue;
                }

                var channel = await request.Pbx.FindChannelAsync(request.Tenant, call.Channel);
                var variables = string.Join(",", (channel?.Variables ?? []).OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={v.Value}"));
                parked.Add((call, variables));
            }
        }

        var channels = parked.Select(p => new XElement("Channel",
            new XElement("ID", p.Call.Channel),
            new XElement("CallerId", p.Call.CallerIdNumber),
            new XElement("ParkSlot", p.Call.Slot.ToString(CultureInfo.InvariantCulture)),
            new XElement("Variables", p.Variables))).ToList();
        var digest = MD5.HashData(Encoding.UTF8.GetBytes(string.Concat(channels.Select(c => EscauxXml.Write(c)))));
        return new EscauxAnswer(new XElement("Channels", new XElement("hash", Convert.ToHexStringLower(digest)), channels), null);
    }

    /// <summary>Starts or stops recording a channel into a mailbox (extension) or a named file under RecordedCalls/.</summary>
    public static async Task<EscauxAnswer> RecordAsync(EscauxRequest request) => EscauxAnswer.Result("ccRecord", await RecordCodeAsync(request));

    private static async Task<int> RecordCodeAsync(EscauxRequest request)
    {
        var channel = request.Text("channel_id");
        var action = request.Text("action");
        if (channel is null || action is not ("start" or "stop"))
        {
            return 1;
        }

        if (action == "stop")
        {
            return (await request.Pbx.SetRecordingAsync(request.Tenant, channel, on: false, file: null)).IsOk ? 0 : 1;
        }

        var leg = await request.Pbx.FindChannelAsync(request.Tenant, channel);
        string? file = null;
        if (request.Text("filename") is { } name)
        {
            // "You cannot create directory or choose in which directory you save the file."
            file = name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.') && !name.StartsWith('.') ? $"RecordedCalls/{name}.wav" : null;
        }
        else if (await EscauxData.ExtensionAsync(request, request.Text("mailbox")) is { } mailbox && leg is not null)
        {
            file = $"voicemail/{mailbox.Config.Number}/INBOX/{leg.UniqueId}.wav";
        }

        return file is not null && leg is not null && (await request.Pbx.SetRecordingAsync(request.Tenant, channel, on: true, file)).IsOk ? 0 : 1;
    }

    public static async Task<EscauxAnswer> SetVarAsync(EscauxRequest request)
    {
        var channel = request.Text("channel_id");
        var name = request.Text("variable");
        var ok = channel is not null && name is not null && !name.Any(char.IsWhiteSpace) &&
            (await request.Pbx.SetVariableAsync(request.Tenant, channel, name, request.Get("value") ?? "")).IsOk;
        return EscauxAnswer.Result("ccSetVar", ok ? 0 : 1);
    }

    public static async Task<EscauxAnswer> GetVarAsync(EscauxRequest request)
    {
        var channel = request.Text("channel_id");
        var name = request.Text("variable");
        var value = channel is null || name is null ? null : await request.Pbx.GetVariableAsync(request.Tenant, channel, name);
        return value is { IsOk: true }
            ? new EscauxAnswer(new XElement("ccGetVar", new XElement("Result", 0), new XElement("Value", value.Value)), null)
            : EscauxAnswer.Result("ccGetVar", 1);
    }
}
