using PbxGrains.Abstractions.Contracts;
using PbxGrains.Grains.Catalogue.Rules;

namespace PbxGrains.Host.Scenarios;

/// <summary>A parsed and checked scenario: the definition, or every problem found, each at its path in the document.</summary>
public sealed record class ScenarioResult(TenantDefinition? Definition, IReadOnlyList<FieldProblem> Errors)
{
    public bool IsValid => Definition is not null && Errors.Count == 0;

    public string ErrorText => string.Join("; ", Errors);
}
