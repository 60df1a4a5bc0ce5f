using Microsoft.AspNetCore.Http.HttpResults;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Abstractions.Model;
using PbxGrains.Client;
using PbxGrains.Host.Api.Models;
using PbxGrains.Host.Scenarios;

namespace PbxGrains.Host.Api;

/// <summary>Extensions and the phone actions a test drives on them.</summary>
public static partial class SimApi
{
    private static void MapExtensions(RouteGroupBuilder extensions)
    {
        extensions.MapGet("/", ListExtensions).WithSummary("Every extension with its registration, device state and channels.");
        extensions.MapGet("/{number}", GetExtension).WithSummary("One extension.");
        extensions.MapPost("/{number}/answer", AnswerPhone).WithSummary("The phone answers its ringing channel.");
        extensions.MapPost("/{number}/reject", RejectPhone).WithSummary("The phone declines its ringing channel.");
        extensions.MapPost("/{number}/hangup", HangupPhone).WithSummary("The phone hangs up its first live channel.");
        extensions.MapPost("/{number}/hold", HoldPhone).WithSummary("The phone puts its connected channel on hold.");
        extensions.MapPost("/{number}/unhold", UnholdPhone).WithSummary("The phone takes its held channel off hold.");
        extensions.MapPost("/{number}/register", RegisterPhone)
            .WithSummary("The phone registers; the body (host, port, userAgent, contact) is optional.");
        extensions.MapPost("/{number}/unregister", UnregisterPhone).WithSummary("The phone unregisters.");
    }

    private static async Task<Ok<ExtensionResponse[]>> ListExtensions(string tenant, PbxClient pbx)
    {
        var views = await pbx.ListExtensionsAsync(tenant);
        return TypedResults.Ok(views.Select(v => v.AsResponse()).ToArray());
    }

    private static async Task<Results<Ok<ExtensionResponse>, ProblemHttpResult>> GetExtension(string tenant, string number, PbxClient pbx)
    {
        var view = await pbx.Extension(tenant, number).GetAsync();
        return view.Exists ? TypedResults.Ok(view.AsResponse()) : ExtensionNotFound(number);
    }

    private static Task<Results<Ok<ChannelActionResponse>, ProblemHttpResult>> AnswerPhone(string tenant, string number, PbxClient pbx) =>
        OnPhoneChannel(pbx, tenant, number, "answer", IsRinging, null, DomainError.ChannelNotRinging, "no ringing channel",
            (c, n) => c.AnswerAsync(n));

    private static Task<Results<Ok<ChannelActionResponse>, ProblemHttpResult>> RejectPhone(string tenant, string number, PbxClient pbx) =>
        OnPhoneChannel(pbx, tenant, number, "reject", IsRinging, null, DomainError.ChannelNotRinging, "no ringing channel",
            (c, n) => c.RejectAsync(n));

    private static Task<Results<Ok<ChannelActionResponse>, ProblemHttpResult>> HangupPhone(string tenant, string number, PbxClient pbx) =>
        OnPhoneChannel(pbx, tenant, number, "hangup", _ => true, null, DomainError.ChannelNotFound, "no live channel",
            (c, n) => c.HangupAsync(n, HangupCause.NormalClearing));

    private static Task<Results<Ok<ChannelActionResponse>, ProblemHttpResult>> HoldPhone(string tenant, string number, PbxClient pbx) =>
        OnPhoneChannel(pbx, tenant, number, "hold", c => c.State == ChannelState.Up && !c.OnHold, _ => true, DomainError.ChannelNotFound,
            "no live channel", (c, n) => c.HoldAsync(n));

    private static Task<Results<Ok<ChannelActionResponse>, ProblemHttpResult>> UnholdPhone(string tenant, string number, PbxClient pbx) =>
        OnPhoneChannel(pbx, tenant, number, "unhold", c => c.OnHold, _ => true, DomainError.ChannelNotFound, "no live channel",
            (c, n) => c.UnholdAsync(n));

    private static async Task<Results<Ok<ExtensionResponse>, ProblemHttpResult>> RegisterPhone(
        string tenant, string number, RegisterBody? body, PbxClient pbx)
    {
        var extension = pbx.Extension(tenant, number);
        var view = await extension.GetAsync();
        if (!view.Exists)
        {
            return ExtensionNotFound(number);
        }

        var host = body?.Host ?? RegistrationDefaults.Host;
        var port = body?.Port ?? RegistrationDefaults.Port;
        if (port is < 1 or > 65535 || body?.LatencyMs < 0 || string.IsNullOrWhiteSpace(host))
        {
            return SimProblems.BadRequest("host must not be empty, port must be between 1 and 65535 and latencyMs not negative");
        }

        var registration = new Registration(
            host,
            port,
            body?.UserAgent ?? RegistrationDefaults.UserAgent,
            body?.Contact ?? RegistrationDefaults.Contact(view.Config.Peer, host, port),
            pbx.Clock.Now,
            body?.LatencyMs ?? 0);
        return await Act(extension.RegisterAsync(registration), async () => (await extension.GetAsync()).AsResponse());
    }

    private static async Task<Results<Ok<ExtensionResponse>, ProblemHttpResult>> UnregisterPhone(string tenant, string number, PbxClient pbx)
    {
        var extension = pbx.Extension(tenant, number);
        if (!(await extension.GetAsync()).Exists)
        {
            return ExtensionNotFound(number);
        }

        return await Act(extension.UnregisterAsync(), async () => (await extension.GetAsync()).AsResponse());
    }

    /// <summary>
    /// Acts on the extension's channel that <paramref name="preferred"/> picks (or, failing that, <paramref name="fallback"/>),
    /// as the user would on the phone's one handset.
    /// </summary>
    private static async Task<Results<Ok<ChannelActionResponse>, ProblemHttpResult>> OnPhoneChannel(
        PbxClient pbx,
        string tenant,
        string number,
        string action,
        Func<ChannelSnapshot, bool> preferred,
        Func<ChannelSnapshot, bool>? fallback,
        DomainError none,
        string noneText,
        Func<ICallGrain, string, Task<PbxResult>> act)
    {
        var view = await pbx.Extension(tenant, number).GetAsync();
        if (!view.Exists)
        {
            return ExtensionNotFound(number);
        }

        var live = view.Channels.Where(c => !c.IsHungUp).ToList();
        var channel = live.FirstOrDefault(preferred) ?? (fallback is null ? null : live.FirstOrDefault(fallback));
        if (channel is null)
        {
            return SimProblems.From(none, $"extension {number} has {noneText}");
        }

        // The extension's picture names the channel's call: no need to ask the channel's address for it.
        var result = await pbx.OnSeenChannelAsync(tenant, channel, act);
        return result.IsOk ? TypedResults.Ok(new ChannelActionResponse(action, channel.Name)) : SimProblems.From(result);
    }

    private static bool IsRinging(ChannelSnapshot channel) => channel.State == ChannelState.Ringing;

    private static ProblemHttpResult ExtensionNotFound(string number) =>
        SimProblems.From(DomainError.ExtensionNotFound, $"extension {number} does not exist");
}
