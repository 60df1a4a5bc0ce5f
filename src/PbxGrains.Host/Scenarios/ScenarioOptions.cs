namespace PbxGrains.Host.Scenarios;

/// <summary>Scenario loading at start-up (configuration section <c>Pbx</c>, the root of the host's settings).</summary>
public sealed class ScenarioOptions
{
    public const string SectionName = Hosting.PbxOptions.Root;

    /// <summary>Load every scenario file of <see cref="ScenariosPath"/> when the host starts.</summary>
    public bool LoadScenarios { get; set; } = true;

    /// <summary>The folder of scenario files; by default the <c>scenarios</c> folder next to the executable.</summary>
    public string? ScenariosPath { get; set; }

    /// <summary>
    /// Whether a start-up file replaces a tenant that already exists. Unset: replace with memory storage (every start
    /// is a fresh PBX), keep with durable storage (a restarted cluster keeps the configuration it was changed to).
    /// </summary>
    public bool? ReplaceExisting { get; set; }

    public string ResolvedScenariosPath =>
        string.IsNullOrWhiteSpace(ScenariosPath) ? Path.Combine(AppContext.BaseDirectory, "scenarios") : Path.GetFullPath(ScenariosPath);
}
