using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace PbxGrains.Tests.EndToEnd;

/// <summary>
/// Starts the real host (the built PbxGrains.Host.dll) as a child process on free loopback ports, waits until it is
/// ready, and kills it at the end. Its console output is kept so a failing test can show it.
/// </summary>
public sealed class HostProcessFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartupLimit = TimeSpan.FromSeconds(90);

    private readonly StringBuilder _output = new();
    private Process? _process;

    public HttpClient Http { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

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

    public async ValueTask InitializeAsync()
    {
        var host = typeof(HostProcessFixture).Assembly.GetCustomAttribute<HostBuildAttribute>()!.Path;
        if (!File.Exists(host))
        {
            throw new InvalidOperationException($"The host was not built at {host}.");
        }

        var http = FreePort();
        var silo = FreePort();
        var gateway = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{http}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(host)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "exec", host, "--urls", BaseAddress.ToString().TrimEnd('/'),
            $"--Orleans:SiloPort={silo}", $"--Orleans:GatewayPort={gateway}",
            // The event socket and the manager socket on free ports too, so a host already running here does not matter.
            "--Escaux:EventSocket:Port=0",
            "--Pbx:Ami:Port=0",
        })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        _process = Process.Start(start) ?? throw new InvalidOperationException("the host did not start");
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var ready = await Http.GetAsync("/health/ready");
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (deadline.Elapsed > StartupLimit)
            {
                throw new TimeoutException($"The host was not ready within {StartupLimit}:\n{Output}");
            }

            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class HostCollection : ICollectionFixture<HostProcessFixture>
{
    public const string Name = "host process";
}
