using System.Net;
using System.Reflection;
using PbxGrains.Tests.Shared.Processes;

namespace PbxGrains.Load.Hosting;

/// <summary>
/// The host a scenario loads: either a child process of the built <c>PbxGrains.Host.dll</c> on free loopback ports
/// (HTTP, Orleans silo and gateway), with no start-up scenarios so that only the suite's own tenants are live, or a
/// host already running at a URL. Loopback only unless the command line explicitly allows a remote host.
/// </summary>
public sealed class HostUnderTest : IAsyncDisposable
{
    private static readonly TimeSpan StartupLimit = TimeSpan.FromSeconds(120);

    private HostProcess? _process;
    private readonly IAsyncDisposable? _owner;
    private readonly Func<string>? _output;

    private HostUnderTest(Uri baseAddress, HostProcess? process, int amiPort, IAsyncDisposable? owner = null, Func<string>? output = null)
    {
        BaseAddress = baseAddress;
        _process = process;
        AmiPort = amiPort;
        _owner = owner;
        _output = output;
    }

    /// <summary>
    /// The API process of a cluster the suite started (the chaos scenario): loaded like a single host, and the whole
    /// cluster (<paramref name="owner"/>) goes when the run ends.
    /// </summary>
    public static HostUnderTest OfCluster(HostProcess api, IAsyncDisposable owner, Func<string> output) =>
        new(api.BaseAddress, api, amiPort: 0, owner, output);

    public Uri BaseAddress { get; }

    /// <summary>The manager (AMI) port: a free one the suite chose for a host it starts, Asterisk's 5038 for one given by URL.</summary>
    public int AmiPort { get; }

    public bool StartedBySuite => _process is not null;

    public int? Pid => _process?.Id;

    /// <summary>The child's last console lines (empty for a host given by URL): shown when it fails.</summary>
    public string Output => _output?.Invoke() ?? _process?.Output ?? "";

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

        await HostProcess.WaitReadyAsync(url, TimeSpan.FromSeconds(30), () => null, ct);
        return new HostUnderTest(url, process: null, amiPort: 5038);
    }

    /// <summary>Starts <paramref name="hostDll"/> with <paramref name="settings"/> as <c>--key=value</c> arguments.</summary>
    public static async Task<HostUnderTest> StartAsync(string hostDll, IReadOnlyDictionary<string, string> settings, TextWriter log, CancellationToken ct)
    {
        if (!File.Exists(hostDll))
        {
            throw new FileNotFoundException($"the host is not built at {hostDll} (build it, or pass --host-dll or --url)", hostDll);
        }

        var amiPort = FreePorts.Next();
        var arguments = new Dictionary<string, string>
        {
            ["Orleans:SiloPort"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            // Only the suite's tenants: the default and demo tenants run traffic of their own.
            ["Pbx:LoadScenarios"] = "false",
            ["Escaux:EventSocket:Port"] = "0",
            ["Pbx:Ami:Port"] = amiPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        var process = HostProcess.Start(hostDll, arguments.Concat(settings));
        log.WriteLine($"starting host: {process.CommandLine}");
        var host = new HostUnderTest(process.BaseAddress, process, amiPort);
        try
        {
            await process.WaitReadyAsync(StartupLimit, ct);
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
        if (_owner is not null)
        {
            await _owner.DisposeAsync();
        }
        else if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }

    private static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.Host, out var address) && IPAddress.IsLoopback(address));
}
