using Microsoft.Extensions.Options;
using PbxGrains.Abstractions.Model;
using PbxGrains.Client;
using PbxGrains.Host.Health;

namespace PbxGrains.Host.Scenarios;

/// <summary>
/// Loads every scenario file of the scenarios folder as a tenant (replacing what was there) once the host has
/// started, so the silo is up. A broken file is logged and skipped; the host runs on without it.
/// </summary>
public sealed partial class ScenarioStartupLoader(
    ScenarioLoader loader,
    TenantSelectorCheck selectors,
    PbxClient pbx,
    StartupGate gate,
    IHostApplicationLifetime lifetime,
    IOptions<ScenarioOptions> options,
    ILogger<ScenarioStartupLoader> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (!options.Value.LoadScenarios)
            {
                return;
            }

            await WhenStartedAsync(stoppingToken);
            await LoadFolderAsync(options.Value.ResolvedScenariosPath, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down before start-up finished.
        }
        finally
        {
            gate.ScenariosLoaded();
        }
    }

    private async Task WhenStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        await started.Task;
    }

    private async Task LoadFolderAsync(string folder, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder))
        {
            LogNoFolder(folder);
            return;
        }

        // Files load in name order, so which of two files defining the same tenant wins does not depend on the disk.
        var files = Directory.EnumerateFiles(folder).Where(f => ScenarioFormats.FromFileName(f) is not null).Order(StringComparer.Ordinal);
        var loaded = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            try
            {
                var result = await loader.ParseFileAsync(file, cancellationToken);
                if (!result.IsValid)
                {
                    LogInvalid(name, result.ErrorText);
                    continue;
                }

                var definition = result.Definition!;
                if (loaded.TryGetValue(definition.Id, out var earlier))
                {
                    LogDuplicate(name, definition.Id, earlier);
                    continue;
                }

                var replace = options.Value.ReplaceExisting ?? true;
                if (!replace && await pbx.Tenant(definition.Id).ExistsAsync())
                {
                    LogKept(name, definition.Id);
                    continue;
                }

                if (await selectors.ConflictsAsync(definition) is { Count: > 0 } conflicts)
                {
                    LogRefused(name, definition.Id, "CredentialInUse", string.Join("; ", conflicts));
                    continue;
                }

                var load = await pbx.Tenant(definition.Id).LoadAsync(definition, replace);
                if (!replace && load.Error == DomainError.TenantAlreadyExists)
                {
                    // Another process of the cluster loaded it a moment ago.
                    LogKept(name, definition.Id);
                    continue;
                }

                if (!load.IsOk)
                {
                    LogRefused(name, definition.Id, load.Error.ToString(), load.Detail ?? "");
                    continue;
                }

                loaded[definition.Id] = name;
                LogLoaded(name, definition.Id, definition.Extensions.Length, definition.Queues.Length, definition.Agents.Length,
                    definition.RingGroups.Length, definition.ParkingLots.Length);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(e, name);
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "No scenarios folder at {Folder}; no tenant was loaded at start-up.")]
    private partial void LogNoFolder(string folder);

    [LoggerMessage(LogLevel.Error, "Scenario {File} skipped: {Errors}")]
    private partial void LogInvalid(string file, string errors);

    [LoggerMessage(LogLevel.Warning, "Scenario {File} skipped: tenant {Tenant} was already loaded from {Earlier}.")]
    private partial void LogDuplicate(string file, string tenant, string earlier);

    [LoggerMessage(LogLevel.Error, "Scenario {File} skipped: tenant {Tenant} refused it: {Error} {Detail}")]
    private partial void LogRefused(string file, string tenant, string error, string detail);

    [LoggerMessage(LogLevel.Information, "Scenario {File} not loaded: tenant {Tenant} exists in durable storage and is kept (Pbx:ReplaceExisting=true replaces it).")]
    private partial void LogKept(string file, string tenant);

    [LoggerMessage(LogLevel.Error, "Scenario {File} skipped: loading it failed.")]
    private partial void LogFailed(Exception exception, string file);

    [LoggerMessage(LogLevel.Information,
        "Loaded tenant {Tenant} from {File}: {Extensions} extensions, {Queues} queues, {Agents} agents, {RingGroups} ring groups, {ParkingLots} parking lots.")]
    private partial void LogLoaded(string file, string tenant, int extensions, int queues, int agents, int ringGroups, int parkingLots);
}
