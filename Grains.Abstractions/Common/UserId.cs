using System.Text.RegularExpressions;

namespace Coworker.Common;

/// <summary>User ids are opaque to Coworker (an email, an IdP subject); they only need to be printable and short.</summary>
public static partial class UserId
{
    [GeneratedRegex("^[A-Za-z0-9._@+-]{1,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static string Require(string? value) =>
        value is not null && Pattern().IsMatch(value)
            ? value
            : throw CoworkerException.Validation(
                "A user id is 1-128 characters of letters, digits and . _ @ + -.");
}
