using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Host.Api.Models;

public sealed record class CdrResponse(
    string UniqueId,
    DateTimeOffset Start,
    DateTimeOffset? Answer,
    DateTimeOffset End,
    int Duration,
    int BillSec,
    CdrDisposition Disposition,
    HangupCause HangupCause,
    string Source,
    string CallerIdName,
    string Destination,
    string DestinationContext,
    string Channel,
    string DestinationChannel,
    IReadOnlyList<string> Channels,
    string LastApplication,
    string AccountCode,
    string? Queue,
    string? RecordingFile,
    IReadOnlyDictionary<string, string> CustomFields);

/// <summary>How many CDRs a tenant-day keeps (<c>stored</c>) and how many were written to it (retention drops the difference).</summary>
public sealed record class CdrCountResponse(string Date, long Stored, long Appended);

public static class CdrMapping
{
    public static CdrResponse AsResponse(this CdrRecord cdr) => new(
        cdr.UniqueId,
        cdr.Start,
        cdr.Answer,
        cdr.End,
        cdr.Duration,
        cdr.BillSec,
        cdr.Disposition,
        cdr.HangupCause,
        cdr.Source,
        cdr.CallerIdName,
        cdr.Destination,
        cdr.DestinationContext,
        cdr.Channel,
        cdr.DestinationChannel,
        cdr.Channels,
        cdr.LastApplication,
        cdr.AccountCode,
        cdr.Queue,
        cdr.RecordingFile,
        cdr.CustomFields);
}
