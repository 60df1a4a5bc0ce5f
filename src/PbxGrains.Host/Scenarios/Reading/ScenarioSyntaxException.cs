namespace PbxGrains.Host.Scenarios.Reading;

/// <summary>The document is not well-formed YAML or JSON; the message says where.</summary>
public sealed class ScenarioSyntaxException(string message, Exception? inner = null) : Exception(message, inner);
