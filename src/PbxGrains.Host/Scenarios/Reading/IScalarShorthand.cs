namespace PbxGrains.Host.Scenarios.Reading;

/// <summary>
/// A document class that may also be written as a single value (a queue member as just its extension number, a
/// duration as just its seconds).
/// </summary>
public interface IScalarShorthand
{
    bool TrySetFromScalar(DocScalar scalar);
}
