using PbxGrains.Abstractions.Contracts;
using PbxGrains.Host.Scenarios.Reading;

namespace PbxGrains.Host.Scenarios;

/// <summary>A parsed and validated scenario: the definition, or every problem found.</summary>
public sealed record class ScenarioResult(TenantDefinition? Definition, IReadOnlyList<ScenarioError> Errors)
{
    public bool IsValid => Definition is not null && Errors.Count == 0;

    public string ErrorText => string.Join("; ", Errors);
}
