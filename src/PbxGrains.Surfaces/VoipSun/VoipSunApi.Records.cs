using System.Globalization;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Surfaces.VoipSun;

public static partial class VoipSunApi
{
    /// <summary>How many days back a CDR given by its sequence number alone is looked for.</summary>
    public const int CdrSearchDays = 31;

    /// <summary>
    /// moverecord: moves and/or renames the recording of a CDR in the tenant's recording store. <c>cdrId</c> is the
    /// CDR's unique id (<c>1503045639.449950</c>) or its sequence number (<c>449950</c>, the numeric id other
    /// surfaces show for a call); a sequence number is found by the store's index of recordings, else by the CDR index of
    /// each of the last <see cref="CdrSearchDays"/> days (one lookup a day).
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

        // Else the CDR index by sequence number, newest day first.
        return await request.Pbx.FindCdrBySequenceAsync(request.Tenant, sequence, DateOnly.FromDateTime(request.Pbx.Clock.Now.UtcDateTime), CdrSearchDays);
    }
}
