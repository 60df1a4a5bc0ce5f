using System.Collections.Immutable;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Surfaces.VoipSun;

public static partial class VoipSunApi
{
    private static readonly LineRefusals OriginateLine = new(
        (200, VoipSunErrors.SourceConflict), (201, VoipSunErrors.DialplanMissing), (202, VoipSunErrors.ExtensionNotFound), (203, VoipSunErrors.DialplanNotFound));

    private const string DefaultDialerCid = "000";
    private const string DefaultDialerName = "Dialer";

    /// <summary>
    /// originate: rings the chosen line first and, once it answers, dials <c>dstNum</c>. The optional checks run before
    /// anything rings, in the document's order: the registration host (210), the contact (211), the line's state (220–228).
    /// </summary>
    private static async Task<VoipSunAnswer> OriginateAsync(VoipSunRequest request)
    {
        if (!request.Has("dstNum"))
        {
            return Missing();
        }

        var (outcome, line) = VoipSunLines.Find(request, "src", "dialplanName");
        if (OriginateLine.For(outcome) is { } refused)
        {
            return refused;
        }

        if (request.Has("checkIpHost") || request.Has("checkIpContact") || request.Has("checkExten"))
        {
            var view = await request.Pbx.Extension(request.Tenant, line!.Number).GetAsync();
            if (VoipSunLineChecks.Check(request, view) is { } failed)
            {
                return failed;
            }
        }

        var customFields = CustomFields(request);
        var dialerCid = DialerCid(request, customFields);
        var records = line!.RecordCalls;
        var variables = ImmutableDictionary<string, string>.Empty;
        if (request.Optional("macro") is { } macro)
        {
            variables = variables.SetItem("MACRO", macro);
        }

        if (records && request.Optional("monitorType") is { } monitorType)
        {
            variables = variables.SetItem("MONITOR_TYPE", monitorType);
        }

        var result = await request.Pbx.OriginateAsync(request.Tenant, new OriginateRequest
        {
            SourceExtension = line.Number,
            Destination = request["dstNum"],
            SourceCallerIdNumber = dialerCid ?? DefaultDialerCid,
            SourceCallerIdName = request.Optional("dialerName") ?? dialerCid ?? DefaultDialerName,
            DestinationCallerIdNumber = request.Optional("overrideCallerId"),
            CustomFields = customFields,
            Variables = variables,

            // The document: a call is recorded only when the line records its calls; the file and folder then name it.
            RecordingFile = records ? request.Optional("monitorFilename") : null,
            RecordingFolder = records ? request.Optional("monitorPath") : null,
            SourceRingTimeoutSeconds = request.Seconds("srcRingTimeout"),
            DestinationRingTimeoutSeconds = request.Seconds("dstRingTimeout"),
        });

        // The product hands the originate to Asterisk and answers at once: a number that cannot be reached fails later,
        // on the line, not in the answer. Only a line that vanished meanwhile is still "not found".
        return result.Error == DomainError.ExtensionNotFound
            ? VoipSunAnswer.Error(202, VoipSunErrors.ExtensionNotFound)
            : VoipSunAnswer.Success();
    }

    /// <summary>
    /// dial: the PBX dials <c>dstNum</c> through an outgoing route and, once answered, sends the call to
    /// <c>context</c> (to <c>hangupContext</c> when it is not answered).
    /// </summary>
    private static async Task<VoipSunAnswer> DialAsync(VoipSunRequest request)
    {
        if (!request.Has("dstNum") || !request.Has("context") || (!request.Has("outrouteName") && !request.Has("outrouteId")))
        {
            return Missing();
        }

        var routes = request.Directory.Settings.Outroutes;
        int? byId = request.Optional("outrouteId") is { } id
            ? int.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) && routes.ContainsKey(number) ? number : -1
            : null;
        int? byName = request.Optional("outrouteName") is { } name
            ? routes.Where(r => r.Value == name).Select(r => (int?)r.Key).FirstOrDefault() ?? -1
            : null;

        // Only one of the two may be used; given both, they must name the same route.
        if (byId == -1 || byName == -1 || (byId is not null && byName is not null && byId != byName))
        {
            return VoipSunAnswer.Error(250, VoipSunErrors.OutrouteNotFound);
        }

        var context = request["context"];
        if (!request.Directory.Dialplans.Contains(context))
        {
            // The document: a context Asterisk does not have means no call. Asterisk refuses the originate after
            // the script has answered, so the answer is still a success.
            request.Services.Logger.LogDialIntoMissingContext(request.Tenant, context);
            return VoipSunAnswer.Success();
        }

        var customFields = CustomFields(request);
        var callerId = request.Optional("overrideCallerId") ?? DialerCid(request, customFields) ?? DefaultDialerCid;
        var variables = ImmutableDictionary<string, string>.Empty.Add("OUTROUTE", routes[byId ?? byName!.Value]);
        if (request.Optional("macro") is { } macro)
        {
            variables = variables.SetItem("MACRO", macro);
        }

        var file = request.Optional("monitorFilename");
        if (file is not null && request.Optional("monitorType") is { } monitorType)
        {
            variables = variables.SetItem("MONITOR_TYPE", monitorType);
        }

        var placed = await request.Pbx.DialIntoContextAsync(request.Tenant, new ContextCallRequest
        {
            Destination = request["dstNum"],
            Context = context,
            HangupContext = request.Optional("hangupContext"),
            CallerIdNumber = callerId,
            CallerIdName = request.Optional("dialerName") ?? (callerId == DefaultDialerCid ? DefaultDialerName : callerId),
            CustomFields = customFields,
            Variables = variables,
            RecordingFile = file is null ? null : request.Optional("monitorPath") is { } path ? $"{path.TrimEnd('/')}/{file}" : file,
            RingTimeoutSeconds = request.Seconds("dstRingTimeout"),
        });
        if (!placed.IsOk)
        {
            // The document has no code for a number that cannot be dialled: like a missing context, Asterisk refuses
            // the originate after the script has answered, so the answer stays a success and the refusal is logged.
            request.Services.Logger.LogDialRefused(request.Tenant, request["dstNum"], placed.Error, placed.Detail);
        }

        return VoipSunAnswer.Success();
    }

    /// <summary>customCDR1–4, stored with the call's CDR under the columns' names.</summary>
    private static ImmutableDictionary<string, string> CustomFields(VoipSunRequest request)
    {
        var fields = ImmutableDictionary<string, string>.Empty;
        for (var i = 1; i <= 4; i++)
        {
            if (request.Optional($"customCDR{i}") is { } value)
            {
                fields = fields.SetItem($"CustomCDR{i}", value);
            }
        }

        return fields;
    }

    /// <summary><c>dialerCid</c>, where <c>customCDR1</c>…<c>customCDR4</c> means that parameter's value; null when none is given.</summary>
    private static string? DialerCid(VoipSunRequest request, ImmutableDictionary<string, string> customFields)
    {
        var cid = request.Optional("dialerCid");
        if (cid is { Length: 10 } && cid.StartsWith("customCDR", StringComparison.Ordinal) && cid[9] is >= '1' and <= '4')
        {
            return customFields.GetValueOrDefault($"CustomCDR{cid[9]}");
        }

        return cid;
    }
}
