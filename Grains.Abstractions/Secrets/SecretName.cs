using System.Text.RegularExpressions;
using Coworker.Common;

namespace Coworker.Secrets;

/// <summary>
/// Secret names appear in grain keys, URLs and tools' auth requirements: 1-64 lowercase letters, digits,
/// '_' and '-', starting with a letter or digit (security scheme names such as "api_key" fit as they are).
/// </summary>
public static partial class SecretName
{
    public const int MaxLength = 64;

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool IsValid(string? value) => value is not null && Pattern().IsMatch(value);

    /// <summary>Throws a validation error when the value is not a secret name.</summary>
    public static string Require(string? value) =>
        IsValid(value)
            ? value!
            : throw CoworkerException.Validation(
                $"'{Shorten(value)}' is not a valid secret name: use 1-{MaxLength} lowercase letters, digits, '_' and '-', starting with a letter or digit.");

    // Names are not secret, but an arbitrary string pasted into the name field might be: echo only a prefix.
    private static string Shorten(string? value) => value is { Length: > 24 } ? value[..24] + "…" : value ?? "";
}
