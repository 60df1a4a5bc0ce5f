using BenchmarkDotNet.Running;

namespace PbxGrains.Benchmarks;

/// <summary>
/// The IPPS queue-poll hot path. Run: <c>dotnet run -c Release --project load/PbxGrains.Benchmarks -- --filter '*' --job short</c>
/// (any BenchmarkDotNet arguments; <c>--filter '*Render*'</c> for the rendering alone).
/// </summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
