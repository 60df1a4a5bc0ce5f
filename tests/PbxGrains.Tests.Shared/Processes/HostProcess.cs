using System.Diagnostics;
using System.Net;
using System.Text;

namespace PbxGrains.Tests.Shared.Processes;

/// <summary>
/// One real PbxGrains host (the built PbxGrains.Host.dll) as a child process on a free loopback HTTP port, with the
/// settings given as command-line configuration. The end-to-end tests, the distributed tests and the load suite all
/// start the host this one way. Its console output is kept (the tail of it) so a failing test or run can show it.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    // A long run must not grow the kept output without bound: past this, the older half goes.
    private const int MaxOutput = 256_000;

    private readonly StringBuilder _output = new();
    private readonly Process _process;
    private readonly string? _prefix;

    private HostProcess(string? name, Process process, Uri baseAddress)
    {
        Name = name ?? "the host";
        _prefix = name is null ? null : $"[{name}] ";
        _process = process;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public string Name { get; }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts <paramref name="hostDll"/> with <paramref name="settings"/> as <c>--key=value</c> arguments, in the
    /// Production environment (as deployed, not as a developer's <c>dotnet run</c>). A <paramref name="name"/> marks
    /// each output line, for tests that start several hosts.
    /// </summary>
    public static HostProcess Start(string hostDll, IEnumerable<KeyValuePair<string, string>> settings, string? name = null)
    {
        if (!File.Exists(hostDll))
        {
            throw new FileNotFoundException($"The host is not built at {hostDll}.", hostDll);
        }

        var baseAddress = new Uri($"http://127.0.0.1:{FreePorts.Next()}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(hostDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(hostDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseAddress.ToString().TrimEnd('/'));
        foreach (var (key, value) in settings)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{name ?? "the host"} did not start");
        var started = new HostProcess(name, process, baseAddress);
        process.OutputDataReceived += (_, e) => started.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => started.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>The command line <see cref="Start"/> runs, for a log.</summary>
    public string CommandLine => $"dotnet {string.Join(' ', _process.StartInfo.ArgumentList)}";

    /// <summary>Waits until the host answers <c>/health/ready</c>; fails at once if it exits first.</summary>
    public Task WaitReadyAsync(TimeSpan limit, CancellationToken cancellationToken) =>
        WaitReadyAsync(BaseAddress, limit, () => _process.HasExited ? $"{Name} exited with {_process.ExitCode}:\n{Output}" : null, cancellationToken);

    /// <summary>
    /// Waits until the host at <paramref name="baseAddress"/> answers <c>/health/ready</c>. <paramref name="gone"/>
    /// says why waiting is pointless (the process exited), or null while it is worth waiting.
    /// </summary>
    public static async Task WaitReadyAsync(Uri baseAddress, TimeSpan limit, Func<string?> gone, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (gone() is { } why)
            {
                throw new InvalidOperationException(why);
            }

            try
            {
                using var ready = await http.GetAsync("/health/ready", cancellationToken);
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // A slow first answer while the cluster forms: ask again.
            }

            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"The host at {baseAddress} was not ready within {limit.TotalSeconds:0} s:\n{gone() ?? ""}");
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken);
        return _process.ExitCode;
    }

    /// <summary>The process dies at once, as a crashed machine would: no goodbye to the cluster.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>SIGTERM, as Kubernetes stops a pod: the silo leaves the cluster gracefully.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_process.HasExited)
        {
            return;
        }

        await Signals.SendAsync(_process.Id, "TERM", cancellationToken);

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await _process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await KillAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await KillAsync();
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            if (_output.Length > MaxOutput)
            {
                _output.Remove(0, MaxOutput / 2);
            }

            _output.Append(_prefix).AppendLine(line);
        }
    }
}
