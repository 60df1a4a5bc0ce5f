using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace PbxGrains.Load.Hosting;

/// <summary>
/// The host a scenario loads: either a child process of the built <c>PbxGrains.Host.dll</c> on free loopback ports
/// (HTTP, Orleans silo and gateway), with no start-up scenarios so that only the suite's own tenants are live, or a
/// host already running at a URL. Loopback only unless the command line explicitly allows a remote host.
/// </summary>
public sealed class HostUnderTest : IAsyncDisposable
{
    private static readonly TimeSpan StartupLimit = TimeSpan.FromSeconds(120);

    private readonly StringBuilder _output = new();
    private Process? _process;

    private HostUnderTest(Uri baseAddress, bool started, int amiPort)
    {
        BaseAddress = baseAddress;
        StartedBySuite = started;
        AmiPort = amiPort;
    }

    public Uri BaseAddress { get; }

    /// <summary>The manager (AMI) port: a free one the suite chose for a host it starts, Asterisk's 5038 for one given by URL.</summary>
    public int AmiPort { get; }

    public bool StartedBySuite { get; }

    public int? Pid => _process?.Id;

    /// <summary>The child's last console lines (empty for a host given by URL): shown when it fails.</summary>
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

    public static string DefaultHostDll() =>
        typeof(HostUnderTest).Assembly.GetCustomAttribute<HostBuildAttribute>()?.Path
        ?? throw new InvalidOperationException("this build does not name the host's build output");

    /// <summary>A host that is already running (it must answer <c>/load/baseline</c>, i.e. be this version).</summary>
    public static async Task<HostUnderTest> AttachAsync(Uri url, bool allowRemote, CancellationToken ct)
    {
        if (!allowRemote && !IsLoopback(url))
        {
            throw new ArgumentException($"{url} is not a loopback address; pass --allow-remote to load a remote host");
        }

        var host = new HostUnderTest(url, started: false, amiPort: 5038);
        await host.WaitReadyAsync(TimeSpan.FromSeconds(30), ct);
        return host;
    }

    /// <summary>Starts <paramref name="hostDll"/> with <paramref name="settings"/> as <c>--key=value</c> arguments.</summary>
    public static async Task<HostUnderTest> StartAsync(string hostDll, IReadOnlyDictionary<string, string> settings, TextWriter log, CancellationToken ct)
    {
        if (!File.Exists(hostDll))
        {
            throw new FileNotFoundException($"the host is not built at {hostDll} (build it, or pass --host-dll or --url)", hostDll);
        }

        var http = FreePort();
        var host = new HostUnderTest(new Uri($"http://127.0.0.1:{http}"), started: true, amiPort: FreePort());
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(hostDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var arguments = new List<string>
        {
            "exec", hostDll, "--urls", $"http://127.0.0.1:{http}",
            $"--Orleans:SiloPort={FreePort()}", $"--Orleans:GatewayPort={FreePort()}",
            // Only the suite's tenants: the default and demo tenants run traffic of their own.
            "--Pbx:LoadScenarios=false",
            "--Escaux:EventSocket:Port=0",
            $"--Pbx:Ami:Port={host.AmiPort}",
            "--Logging:LogLevel:Default=Warning",
        };
        arguments.AddRange(settings.Select(s => $"--{s.Key}={s.Value}"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        log.WriteLine($"starting host: dotnet {string.Join(' ', arguments)}");
        host._process = Process.Start(start) ?? throw new InvalidOperationException("the host did not start");
        host._process.OutputDataReceived += (_, e) => host.Keep(e.Data);
        host._process.ErrorDataReceived += (_, e) => host.Keep(e.Data);
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();
        try
        {
            await host.WaitReadyAsync(StartupLimit, ct);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    private async Task WaitReadyAsync(TimeSpan limit, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (_process is { HasExited: true })
            {
                throw new InvalidOperationException($"the host exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var ready = await http.GetAsync("/health/ready", ct);
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                // A slow first answer: ask again.
            }

            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"the host at {BaseAddress} was not ready within {limit.TotalSeconds:0} s\n{Output}");
            }

            await Task.Delay(200, ct);
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            // Keep the tail only: a long run must not grow this without bound.
            if (_output.Length > 64_000)
            {
                _output.Remove(0, 32_000);
            }

            _output.AppendLine(line);
        }
    }

    private static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.Host, out var address) && IPAddress.IsLoopback(address));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
