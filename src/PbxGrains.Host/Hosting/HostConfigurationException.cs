namespace PbxGrains.Host.Hosting;

/// <summary>A setting that stops the host before it starts; the message names the setting and says why.</summary>
public sealed class HostConfigurationException(string message) : Exception(message);
