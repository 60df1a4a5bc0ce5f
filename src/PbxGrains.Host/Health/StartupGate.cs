namespace PbxGrains.Host.Health;

/// <summary>Start-up is over once the scenarios have been loaded (or skipped); the startup probe waits for it.</summary>
public sealed class StartupGate
{
    private volatile bool _scenariosLoaded;

    public bool IsOpen => _scenariosLoaded;

    public void ScenariosLoaded() => _scenariosLoaded = true;
}
