using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Surfaces.Tenancy;

namespace PbxGrains.Surfaces.Issabel;

public static partial class IssabelApi
{
    private static readonly string[] OriginateFields = ["channel", "extension", "exten", "context", "priority", "callerid", "timeout", "account"];

    private static void MapManager(RouteGroupBuilder manager)
    {
        manager.MapPost("/originate", (Delegate)OriginateAsync);
        manager.MapGet("/queuestatus", QueueStatusAsync);
        manager.MapGet("/status", (Delegate)StatusAsync);
        manager.MapMethods("/originate", [HttpMethods.Get, HttpMethods.Put, HttpMethods.Delete, HttpMethods.Patch], MethodNotAllowed);
        manager.MapMethods("/queuestatus", [HttpMethods.Post, HttpMethods.Put, HttpMethods.Delete, HttpMethods.Patch], MethodNotAllowed);
        manager.MapMethods("/status", [HttpMethods.Post, HttpMethods.Put, HttpMethods.Delete, HttpMethods.Patch], MethodNotAllowed);
    }

    /// <summary>
    /// POST /pbxapi/manager/originate: <c>channel</c> (the source phone: <c>SIP/1000</c> or <c>1000</c>) rings first, then
    /// <c>extension</c> (or <c>exten</c>) is dialled, as AMI's Originate into from-internal does.
    /// </summary>
    public static async Task<IResult> OriginateAsync(HttpContext context)
    {
        var (fields, refusal) = await IssabelFields.ReadAsync(context.Request);
        if (fields is null)
        {
            return refusal!;
        }

        fields.RejectUnknown(OriginateFields);
        var channel = fields.Text("channel", 80);
        var destination = fields.Text("extension", 40) ?? fields.Text("exten", 40);
        fields.Text("context", 80);
        fields.Integer("priority", 1, 1000);
        var callerId = fields.Text("callerid", 120);
        var timeout = fields.Integer("timeout", 1000, 600_000);
        var account = fields.Text("account", 80);
        if (channel is null)
        {
            fields.Problem("channel: is required");
        }

        if (destination is null)
        {
            fields.Problem("extension: is required");
        }
        else if (!IssabelFields.IsDialable(destination.TrimStart('+')))
        {
            fields.Problem("extension: must be a number");
        }

        if (!fields.IsValid)
        {
            return Invalid(fields);
        }

        var pbx = IssabelServices.Of(context).Pbx;
        var tenant = context.GetTenant();
        var source = await pbx.Tenant(tenant).FindExtensionAsync(channel!.Contains('/') ? ExtensionLookup.Device : ExtensionLookup.Number, channel);
        if (source is null)
        {
            return IssabelResults.NotFound();
        }

        var (cidName, cidNumber) = ParseCallerId(callerId);
        var result = await pbx.OriginateAsync(tenant, new OriginateRequest
        {
            SourceExtension = source,
            Destination = destination!,
            SourceCallerIdName = cidName,
            SourceCallerIdNumber = cidNumber,
            AccountCode = account,
            SourceRingTimeoutSeconds = timeout is { } ms ? Math.Max(1, ms / 1000) : null,
        });
        if (!result.IsOk)
        {
            return IssabelResults.FromDomain(result.AsResult(), "channel");
        }

        return IssabelResults.Success([new JsonObject
        {
            ["response"] = "Success",
            ["message"] = "Originate successfully queued",
            ["uniqueid"] = result.Value!.CallId,
        }]);
    }

    /// <summary>GET /pbxapi/manager/queuestatus[?queue=600]: AMI QueueStatus, one record per queue.</summary>
    public static async Task<IResult> QueueStatusAsync(HttpContext context, string? queue)
    {
        var pbx = IssabelServices.Of(context).Pbx;
        var tenant = context.GetTenant();
        var catalogue = await pbx.Tenant(tenant).GetAsync();
        var snapshots = await Task.WhenAll((catalogue?.Queues ?? []).Select(q => pbx.Queue(tenant, q).GetSnapshotAsync()));
        var shown = snapshots.Where(s => s.Exists && s.Config is not null && (queue is null || s.Config.Key() == queue || s.Name == queue))
            .OrderBy(s => s.Config!.Key(), StringComparer.Ordinal)
            .ToList();
        if (queue is not null && shown.Count == 0)
        {
            return IssabelResults.NotFound();
        }

        var now = pbx.Clock.Now;
        return IssabelResults.Success(shown.Select(s => s.AsQueueStatus(now)));
    }

    /// <summary>GET /pbxapi/manager/status: AMI Status, one record per live channel.</summary>
    public static async Task<IResult> StatusAsync(HttpContext context)
    {
        var pbx = IssabelServices.Of(context).Pbx;
        var channels = await pbx.ListChannelsAsync(context.GetTenant());
        var now = pbx.Clock.Now;
        return IssabelResults.Success(channels.Select(c => c.AsStatus(now)));
    }

    /// <summary>"Name &lt;number&gt;", a bare number, or a bare name.</summary>
    private static (string? Name, string? Number) ParseCallerId(string? callerId)
    {
        if (string.IsNullOrWhiteSpace(callerId))
        {
            return (null, null);
        }

        var match = CallerIdPattern().Match(callerId);
        if (match.Success)
        {
            var name = match.Groups["name"].Value.Trim().Trim('"');
            return (name.Length > 0 ? name : null, match.Groups["number"].Value);
        }

        return IssabelFields.IsDialable(callerId.Trim().TrimStart('+')) ? (null, callerId.Trim()) : (callerId.Trim(), null);
    }

    [GeneratedRegex(@"^(?<name>[^<]*)<(?<number>[^>]*)>\s*$")]
    private static partial Regex CallerIdPattern();
}
