using System.Text;
using Coworker.Catalog;
using Coworker.Catalog.Import;
using Coworker.Tests.Infrastructure;

namespace Coworker.Tests.Import;

/// <summary>Where the shared API descriptions are, and small helpers to import inline documents.</summary>
internal static class ImportTestData
{
    public const string SharedMissing = "../shared (public API descriptions) is not next to this checkout; CI always has it.";

    public static ImportOptions Options(string sourceId = "test") => new(sourceId);

    /// <summary>Full path of a file under ../shared, or a skip when the folder is absent.</summary>
    public static string SharedFile(string relative)
    {
        var shared = TestEnvironment.SharedDirectory;
        Skip.If(shared is null, SharedMissing);
        return Path.Combine(shared!, relative);
    }

    public static ImportedApi ImportShared(string relative, ImportOptions? options = null) =>
        ApiDescriptionImporter.Import(File.ReadAllBytes(SharedFile(relative)), options ?? Options());

    public static ImportedApi Import(string text, ImportOptions? options = null) =>
        ApiDescriptionImporter.Import(Encoding.UTF8.GetBytes(text), options ?? Options());

    /// <summary>A minimal OpenAPI 3.0 document around the given "paths" (and optional "components") JSON.</summary>
    public static string OpenApi(string paths, string components = "{}", string extra = "") => $$"""
        {
          "openapi": "3.0.3",
          "info": { "title": "Inline", "version": "1.0.0" },
          "servers": [ { "url": "https://api.example.com/v1" } ],
          {{extra}}
          "paths": {{paths}},
          "components": {{components}}
        }
        """;

    public static ToolDefinition Tool(this ImportedApi api, string name) =>
        api.Tools.SingleOrDefault(t => t.Name == name)
        ?? throw new Xunit.Sdk.XunitException($"No tool '{name}'; tools: {string.Join(", ", api.Tools.Select(t => t.Name))}");
}
