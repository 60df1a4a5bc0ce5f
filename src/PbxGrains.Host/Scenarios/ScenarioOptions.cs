namespace PbxGrains.Host.Scenarios;

/// <summary>Scenario loading at start-up (configuration section <c>Pbx</c>).</summary>
public sealed class ScenarioOptions
{
    public const string SectionName = "Pbx";

    /// <summary>Load every scenario file of <see cref="ScenariosPath"/> when the host starts.</summary>
    public bool LoadScenarios { get; set; } = true;

    /// <summary>The folder of scenario files; by default the <c>scenarios</c> folder next to the executable.</summary>
    public string? ScenariosPath { get; set; }

    public string ResolvedScenariosPath =>
        string.IsNullOrWhiteSpace(ScenariosPath) ? Path.Combine(AppContext.BaseDirectory, "scenarios") : Path.GetFullPath(ScenariosPath);
}
