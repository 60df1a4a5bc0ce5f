using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Host.Api.Models;

/// <summary>An extension: its configuration summary, registration, device state and live channels.</summary>
public sealed record class ExtensionResponse(
    string Number,
    string Name,
    string Tech,
    string Device,
    string? SipUser,
    string? PublicNumber,
    string Dialplan,
    string? Profile,
    string? Status,
    int? Id,
    string? AccountCode,
    int RingTimer,
    bool RecordCalls,
    bool Voicemail,
    IReadOnlyList<string> Devices,
    PhoneResponse Phone,
    bool Registered,
    RegistrationResponse? Registration,
    DeviceState DeviceState,
    IReadOnlyList<ChannelResponse> Channels,
    long Version);

public sealed record class PhoneResponse(PhoneMode Mode, DistributionResponse AnswerDelay, double AnswerProbability, DistributionResponse? TalkTime);

public sealed record class RegistrationResponse(string Host, int Port, string UserAgent, string Contact, DateTimeOffset RegisteredAt, int LatencyMs);

/// <summary>The body of a register action; every field is optional and defaults to the simulated phone's.</summary>
public sealed record class RegisterBody(string? Host = null, int? Port = null, string? UserAgent = null, string? Contact = null, int? LatencyMs = null);

public static class ExtensionMapping
{
    public static ExtensionResponse AsResponse(this ExtensionView view) => new(
        view.Config.Number,
        view.Config.Name,
        view.Config.Tech,
        view.Config.Device,
        view.Config.SipUser,
        view.Config.PublicNumber,
        view.Config.Dialplan,
        view.Config.Profile,
        view.Config.Status,
        view.Config.DatabaseId,
        view.Config.AccountCode,
        view.Config.RingTimerSeconds,
        view.Config.RecordCalls,
        view.Config.Voicemail,
        view.Config.DeviceIds,
        view.Config.Phone.AsResponse(),
        view.Registered,
        view.Registration?.AsResponse(),
        view.DeviceState,
        [.. view.Channels.Where(c => !c.IsHungUp).Select(c => c.AsResponse())],
        view.Version);

    public static PhoneResponse AsResponse(this PhoneBehaviour phone) =>
        new(phone.Mode, phone.AnswerDelay.AsResponse(), phone.AnswerProbability, phone.TalkTime?.AsResponse());

    public static RegistrationResponse AsResponse(this Registration registration) => new(
        registration.Host, registration.Port, registration.UserAgent, registration.Contact, registration.RegisteredAt, registration.LatencyMs);
}
