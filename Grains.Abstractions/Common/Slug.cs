using System.Text.RegularExpressions;

namespace Coworker.Common;

/// <summary>
/// Tenant and agent ids are lowercase slugs: they appear in grain keys, URLs, table rows and NATS
/// subjects, so they must not contain '/', '.', '*', '>' or whitespace.
/// </summary>
public static partial class Slug
{
    public const int MinLength = 3;
    public const int MaxLength = 40;

    [GeneratedRegex("^[a-z][a-z0-9-]*[a-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool IsValid(string? value) =>
        value is { Length: >= MinLength and <= MaxLength } && Pattern().IsMatch(value) && !value.Contains("--", StringComparison.Ordinal);

    /// <summary>Throws a validation error naming <paramref name="what"/> when the value is not a slug.</summary>
    public static string Require(string? value, string what) =>
        IsValid(value)
            ? value!
            : throw CoworkerException.Validation(
                $"'{value}' is not a valid {what} id: use {MinLength}-{MaxLength} lowercase letters, digits and single hyphens, starting with a letter.");
}
