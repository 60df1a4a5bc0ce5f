using System.Globalization;
using System.Text.Json.Nodes;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Surfaces.VoipSun;

public static partial class VoipSunApi
{
    /// <summary>
    /// hangupcall: hangs up the named channel (and with it whatever its call cannot go on without). The document's
    /// example writes the name with a backslash (<c>SIP\5555-0000b704</c>); it is read as the slash it stands for.
    /// Like Asterisk's Hangup, a channel that is already gone is not an error the script reports.
    /// </summary>
    private static async Task<VoipSunAnswer> HangupCallAsync(VoipSunRequest request)
    {
        var channel = request["channelName"].Replace('\\', '/');
        if (channel.Length == 0)
        {
            return VoipSunAnswer.Error(400, VoipSunErrors.ChannelNameEmpty);
        }

        await request.Pbx.HangupAsync(request.Tenant, channel, HangupCause.NormalClearing);
        return VoipSunAnswer.Success();
    }

    /// <summary>
    /// listcalls: one entry per live channel (every leg of every call, oldest call first): the document's fields in
    /// its order, every value a string, slashes unescaped as its example shows.
    /// </summary>
    private static async Task<VoipSunAnswer> ListCallsAsync(VoipSunRequest request)
    {
        var channels = await request.Pbx.ListChannelsAsync(request.Tenant);
        var now = request.Pbx.Clock.Now;
        var results = new JsonArray();
        foreach (var channel in channels)
        {
            results.Add(ListedChannel(request.Directory, channel, now));
        }

        return VoipSunAnswer.Unescaped(new JsonObject
        {
            ["success"] = "true",
            ["total"] = results.Count.ToString(CultureInfo.InvariantCulture),
            ["results"] = results,
        });
    }

    /// <summary>
    /// One channel as listcalls shows it. <c>src</c> is the leg's caller id (a called leg shows its caller's), <c>dst</c>
    /// the number it is for. A line's channel belongs to <c>extension</c> <c>idChannel</c> = the line's database id; a
    /// trunk's to <c>trunk</c> <c>trunkId</c>. Without an account code of its own, a leg has the product's:
    /// <c>SIP_{id}</c> for a line, <c>SIPTR_{id}</c> for a trunk (a line without a database id has neither).
    /// </summary>
    public static JsonObject ListedChannel(VoipSunTenant tenant, ChannelSnapshot channel, DateTimeOffset now)
    {
        var trunk = channel.EndpointKind == EndpointKind.Trunk;
        var id = trunk
            ? tenant.Settings.TrunkId
            : tenant.ByNumber(channel.Endpoint)?.DatabaseId?.ToString(CultureInfo.InvariantCulture) ?? "";
        var accountCode = channel.AccountCode.Length > 0 || id.Length == 0 ? channel.AccountCode : (trunk ? "SIPTR_" : "SIP_") + id;
        return new JsonObject
        {
            ["channelName"] = channel.Name,
            ["context"] = channel.Context,
            ["src"] = channel.CallerIdNumber,
            ["dst"] = channel.Exten,
            ["duration"] = ((long)Math.Max(0, (now - channel.Created).TotalSeconds)).ToString(CultureInfo.InvariantCulture),
            ["status"] = channel.State.AsteriskName(),
            ["accountCode"] = accountCode,
            ["sourceType"] = trunk ? "trunk" : "extension",
            ["idChannel"] = id,
        };
    }
}
