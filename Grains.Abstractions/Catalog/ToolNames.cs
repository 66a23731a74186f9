using Coworker.Common;

namespace Coworker.Catalog;

/// <summary>Tool names as MCP clients accept them: [A-Za-z0-9_-], 1-64 characters.</summary>
public static class ToolNames
{
    public const int MaxLength = 64;

    public static bool IsValid(string? name) =>
        name is { Length: > 0 and <= MaxLength } && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    public static string Require(string? name) =>
        IsValid(name) ? name! : throw CoworkerException.Validation($"'{name}' is not a valid tool name ([A-Za-z0-9_-], at most {MaxLength}).");
}
