using PbxGrains.Load.Cli;
using PbxGrains.Load.Hosting;
using PbxGrains.Load.Reports;
using PbxGrains.Load.Running;

namespace PbxGrains.Load.Scenarios;

/// <summary>
/// A named load scenario (in NBomber's sense: a named flow with a load simulation and thresholds). It reads its
/// options first (so that a bad command line is refused before a host is started), then runs against the host.
/// </summary>
public interface ILoadScenario
{
    string Name { get; }

    string Summary { get; }

    /// <summary>Reads the scenario's options (defaults are the full suite's figures).</summary>
    void ReadOptions(LoadOptions options);

    /// <summary>Host settings the scenario needs when the suite starts the host (e.g. the clock's speed).</summary>
    IReadOnlyDictionary<string, string> HostSettings { get; }

    /// <summary>
    /// Starts what the scenario loads when no <c>--url</c> is given: by default one host with <see cref="HostSettings"/>;
    /// a scenario that needs more (a cluster) starts it itself.
    /// </summary>
    Task<HostUnderTest> StartHostAsync(string hostDll, TextWriter log, CancellationToken ct) => HostUnderTest.StartAsync(hostDll, HostSettings, log, ct);

    /// <summary>Whether <c>all</c> runs it (a soak of half an hour is run on its own).</summary>
    bool InAll => true;

    Task RunAsync(ScenarioRun run, CancellationToken ct);
}

/// <summary>What a scenario runs with: the host, an HTTP client to it, the control API, the log and the report to fill.</summary>
public sealed record ScenarioRun(HostUnderTest Host, LoadHttp Http, SimControl Sim, TextWriter Log, RunReport Report, bool Thresholds);
