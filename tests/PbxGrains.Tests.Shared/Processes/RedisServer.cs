using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
namespace PbxGrains.Tests.Shared.Processes;

/// <summary>
/// A throw-away redis-server: a child process on a free loopback port, no persistence to disk (the data lives as long
/// as the server, which outlives every PbxGrains process of a test), killed at the end.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    public const string MissingMessage =
        "redis-server is not installed, so the Redis cluster tests are skipped: install it with `apt-get install redis-server`.";

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private RedisServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public int Id => _process.Id;

    /// <summary>
    /// Freezes the server (SIGSTOP) as a long pause of its machine would: connections stay open and nothing answers.
    /// <see cref="ResumeAsync"/> (SIGCONT) lets it go on where it stopped.
    /// </summary>
    public Task PauseAsync(CancellationToken cancellationToken) => Signals.SendAsync(_process.Id, "STOP", cancellationToken);

    public Task ResumeAsync(CancellationToken cancellationToken) => Signals.SendAsync(_process.Id, "CONT", cancellationToken);

    /// <summary>The redis-server on the PATH, or null when there is none.</summary>
    public static string? Executable() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin").Append("/usr/local/bin")
            .Select(dir => Path.Combine(dir, "redis-server"))
            .FirstOrDefault(File.Exists);

    public static async Task<RedisServer> StartAsync(string executable, CancellationToken cancellationToken)
    {
        var port = FreePorts.Next();
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "no" })
        {
            start.ArgumentList.Add(argument);
        }

        var server = new RedisServer(Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start"), port);
        server._process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        await server.WaitUntilListeningAsync(cancellationToken);
        return server;
    }

    private async Task WaitUntilListeningAsync(CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with {_process.ExitCode}: {Output}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port, cancellationToken);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50, cancellationToken);
            }
        }

        throw new TimeoutException($"redis-server did not listen on {Port}: {Output}");
    }

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

    private void Keep(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // A paused server would not die of SIGKILL any later, but its children's waits would: resume it first.
            await Signals.SendAsync(_process.Id, "CONT", CancellationToken.None);
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
