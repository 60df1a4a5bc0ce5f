using System.Collections.Immutable;
using System.Globalization;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Grains.Catalogue.Rules;
using PbxGrains.Host.Scenarios.Documents;

namespace PbxGrains.Host.Scenarios;

/// <summary>The <c>faults:</c> section: the tenant's transport and telephony faults from the start (ids <c>s1</c>, <c>s2</c>… in order).</summary>
public sealed partial class ScenarioMapper
{
    private ImmutableArray<FaultRule> Faults(List<FaultDocument>? faults) =>
        [.. (faults ?? []).Select((fault, i) => Fault(fault, i, FieldProblems.Item("faults", i)))];

    private FaultRule Fault(FaultDocument fault, int index, string path)
    {
        var defaults = new FaultRule();
        return new FaultRule
        {
            Id = "s" + (index + 1).ToString(CultureInfo.InvariantCulture),
            Kind = Choice(Required(fault.Kind, FieldProblems.Child(path, "kind")), FieldProblems.Child(path, "kind"), Choices.FaultKinds, defaults.Kind),
            Surface = fault.Surface?.Trim().ToLowerInvariant() ?? "",
            Endpoint = fault.Endpoint?.Trim() ?? "",
            Client = fault.Client?.Trim() ?? "",
            Probability = fault.Probability ?? defaults.Probability,
            EveryNth = fault.EveryNth ?? 0,
            From = Instant(fault.From, FieldProblems.Child(path, "from")),
            Until = Instant(fault.Until, FieldProblems.Child(path, "until")),
            Seed = fault.Seed ?? defaults.Seed,
            Paused = fault.Paused ?? false,
            Status = fault.Status ?? 0,
            RetryAfterSeconds = fault.RetryAfterSeconds ?? 0,
            ErrorCode = fault.ErrorCode ?? 0,
            ErrorMessage = fault.ErrorMessage ?? "",
            Delay = Distribution(fault.Delay, FieldProblems.Child(path, "delay")),
            BytesPerSecond = fault.BytesPerSecond ?? 0,
            AgeSeconds = fault.AgeSeconds ?? 0,
            Factor = fault.Factor ?? 0,
            Numbers = fault.Numbers?.Trim() ?? "",
            Cause = (HangupCause)(fault.Cause ?? 0),
        };
    }
}
