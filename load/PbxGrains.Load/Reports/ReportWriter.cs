using System.Text.Json;
using System.Text.Json.Serialization;

namespace PbxGrains.Load.Reports;

/// <summary>Writes a run's report to a folder as <c>{scenario}.json</c>, <c>{scenario}.md</c> and <c>{scenario}.html</c>.</summary>
public static class ReportWriter
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static async Task<IReadOnlyList<string>> WriteAsync(RunReport report, string folder, CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        var stem = Path.Combine(folder, report.Scenario);
        var files = new[] { stem + ".json", stem + ".md", stem + ".html" };
        await File.WriteAllTextAsync(files[0], JsonSerializer.Serialize(report, Json), ct);
        await File.WriteAllTextAsync(files[1], MarkdownReport.Render(report), ct);
        await File.WriteAllTextAsync(files[2], HtmlReport.Render(report), ct);
        return files;
    }
}
