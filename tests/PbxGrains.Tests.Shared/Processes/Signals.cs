using System.Diagnostics;
using System.Globalization;

namespace PbxGrains.Tests.Shared.Processes;

/// <summary>POSIX signals to a child process (.NET sends only SIGKILL itself): TERM for a graceful stop, STOP/CONT for a pause.</summary>
public static class Signals
{
    public static async Task SendAsync(int pid, string signal, CancellationToken cancellationToken)
    {
        using var kill = Process.Start("kill", [$"-{signal}", pid.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync(cancellationToken);
    }
}
