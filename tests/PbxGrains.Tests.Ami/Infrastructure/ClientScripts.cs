using System.Diagnostics;
using System.Text.Json.Nodes;

namespace PbxGrains.Tests.Ami.Infrastructure;

/// <summary>
/// Runs the scripts in <c>clients/</c> that drive the manager socket with clients nobody here wrote (npm's
/// asterisk-manager and asterisk-ami-client, Debian's python3-panoramisk), installed by <c>.ci/run</c>. A test whose
/// client is missing is skipped with the command that installs it.
/// </summary>
public static class ClientScripts
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <summary>The test project's <c>clients</c> folder (the scripts and their node_modules).</summary>
    public static string Folder { get; } = FindFolder();

    /// <summary>Skips the test unless node and the npm package are installed.</summary>
    public static void RequireNodePackage(string package)
    {
        if (!Directory.Exists(Path.Combine(Folder, "node_modules", package)) || Which("node") is null)
        {
            Assert.Skip($"node or the npm package {package} is missing: cd {Folder} && npm install");
        }
    }

    /// <summary>The Python that has panoramisk (Debian's, in /usr/bin), or a skip.</summary>
    public static string RequirePanoramisk()
    {
        foreach (var python in new[] { "/usr/bin/python3", "python3" })
        {
            try
            {
                using var check = Process.Start(new ProcessStartInfo(python, "-c \"import panoramisk\"") { RedirectStandardError = true, RedirectStandardOutput = true })!;
                check.WaitForExit(10_000);
                if (check.HasExited && check.ExitCode == 0)
                {
                    return python;
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // No such interpreter: try the next.
            }
        }

        Assert.Skip("python3-panoramisk is missing: apt-get install -y python3-panoramisk");
        return "";
    }

    /// <summary>Starts a script; read its output with <see cref="ResultAsync"/>.</summary>
    public static Process Start(string program, string script, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(Folder, script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"{program} {script} did not start");
    }

    /// <summary>Waits for the script to end and returns the JSON object of its last line.</summary>
    public static async Task<JsonObject> ResultAsync(Process process)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        var output = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var errors = process.StandardError.ReadToEndAsync(deadline.Token);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The client script did not end within {Deadline}: {await errors}");
        }

        var lines = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length > 0, $"The client script printed nothing (exit {process.ExitCode}): {await errors}");
        var result = JsonNode.Parse(lines[^1])!.AsObject();
        Assert.True(process.ExitCode == 0, $"The client script failed (exit {process.ExitCode}): {lines[^1]} {await errors}");
        return result;
    }

    private static string? Which(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);

    private static string FindFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "PbxGrains.Tests.Ami", "clients");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/PbxGrains.Tests.Ami/clients was not found above " + AppContext.BaseDirectory);
    }
}
