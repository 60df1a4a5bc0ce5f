namespace PbxGrains.Tests.Surfaces.Infrastructure;

/// <summary>The vendor documents' own sample data, copied verbatim into Taridium/Golden/ (one line per record, each ending in "\n").</summary>
public static class Golden
{
    public static string Read(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Taridium", "Golden", name)).ReplaceLineEndings("\n");
}
