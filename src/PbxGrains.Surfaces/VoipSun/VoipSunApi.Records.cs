using System.Globalization;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Surfaces.VoipSun;

public static partial class VoipSunApi
{
    /// <summary>How many days back a CDR given by its sequence number alone is looked for.</summary>
    public const int CdrSearchDays = 31;

    /// <summary>
    /// How many CDRs a search by sequence number reads at most before it gives up (the day that crosses the bound is
    /// still read whole): it is only the fallback for calls the recording store does not know.
    /// </summary>
    public const int CdrSearchMaxRecords = 100_000;

    /// <summary>
    /// moverecord: moves and/or renames the recording of a CDR in the tenant's recording store. <c>cdrId</c> is the
    /// CDR's unique id (<c>1503045639.449950</c>) or its sequence number (<c>449950</c>, the numeric id other
    /// surfaces show for a call); a sequence number is found by the store's index of recordings, else among the CDRs of
    /// the last <see cref="CdrSearchDays"/> days, reading at most about <see cref="CdrSearchMaxRecords"/> of them.
    /// </summary>
    private static async Task<VoipSunAnswer> MoveRecordAsync(VoipSunRequest request)
    {
        var path = request.Optional("path");
        var filename = request.Optional("filename");
        if (!request.Has("cdrId") || (path is null && filename is null))
        {
            return Missing();
        }

        var cdr = await FindCdrAsync(request, request["cdrId"]);
        if (cdr is null)
        {
            return VoipSunAnswer.Error(800, VoipSunErrors.CdrNotFound);
        }

        if (string.IsNullOrEmpty(cdr.RecordingFile))
        {
            return VoipSunAnswer.Error(801, VoipSunErrors.CdrWithoutRecording);
        }

        var store = request.Pbx.Recordings(request.Tenant);
        var moved = await store.MoveAsync(cdr.UniqueId, cdr.RecordingFile, path, filename);
        return moved.Error switch
        {
            DomainError.None => VoipSunAnswer.Success(),
            DomainError.FolderNotCreatable => VoipSunAnswer.Error(810, VoipSunErrors.FolderNotCreatable),
            DomainError.DestinationNotWritable => VoipSunAnswer.Error(812, VoipSunErrors.CannotMove(moved.Detail ?? "")),
            _ => VoipSunAnswer.Error(811, VoipSunErrors.SourceFileMissing(
                RecordingPaths.Split(cdr.RecordingFile) is { } at ? RecordingPaths.Combine(at.Folder, at.Name) : cdr.RecordingFile)),
        };
    }

    private static async Task<CdrRecord?> FindCdrAsync(VoipSunRequest request, string cdrId)
    {
        if (cdrId.Contains('.'))
        {
            return await request.Pbx.FindCdrAsync(request.Tenant, cdrId);
        }

        if (!long.TryParse(cdrId, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            return null;
        }

        // The store's index answers for every recorded call it keeps; the newest call wins should two share a number.
        var recorded = await request.Pbx.Recordings(request.Tenant).FindBySequenceAsync(sequence);
        if (!recorded.IsEmpty)
        {
            return await request.Pbx.FindCdrAsync(request.Tenant, recorded[^1].CallId);
        }

        // Else a scan of the CDRs, newest day first, bounded in days and in records so that an unknown number costs
        // a request no more than CdrSearchMaxRecords records read.
        var suffix = "." + sequence.ToString(CultureInfo.InvariantCulture);
        var today = DateOnly.FromDateTime(request.Pbx.Clock.Now.UtcDateTime);
        var read = 0;
        for (var day = 0; day < CdrSearchDays && read < CdrSearchMaxRecords; day++)
        {
            var records = await request.Pbx.ListCdrsAsync(request.Tenant, today.AddDays(-day));
            if (records.FirstOrDefault(r => r.UniqueId.EndsWith(suffix, StringComparison.Ordinal)) is { } found)
            {
                return found;
            }

            read += records.Length;
        }

        return null;
    }
}
