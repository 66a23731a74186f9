using System.Text.Json;
using System.Text.Json.Serialization;
using Coworker.Common;

namespace Coworker.Secrets;

/// <summary>
/// Checks a <see cref="SetSecret"/> and turns it into the bytes that get encrypted (a small JSON object
/// that repeats the kind, so the kind is authenticated with the value), and those bytes back into a
/// <see cref="RevealedSecret"/>. Validation messages name fields, never their content.
/// </summary>
internal static class SecretPayload
{
    public const int MaxValueLength = 8192;
    public const int MaxUsernameLength = 256;

    public static byte[] Encode(SetSecret secret)
    {
        var body = secret.Kind switch
        {
            SecretKind.ApiKey or SecretKind.Bearer => ValueBody(secret),
            SecretKind.Basic => BasicBody(secret),
            _ => throw CoworkerException.Validation("A secret's kind is ApiKey, Basic or Bearer."),
        };
        return JsonSerializer.SerializeToUtf8Bytes(body, Options);
    }

    public static RevealedSecret Decode(ReadOnlySpan<byte> plaintext, SecretKind expected)
    {
        var body = JsonSerializer.Deserialize<Body>(plaintext, Options)
            ?? throw new InvalidOperationException("A decrypted secret is empty.");
        if (body.Kind != expected)
        {
            throw new InvalidOperationException("A decrypted secret's kind does not match its record.");
        }

        return new RevealedSecret(body.Kind, body.Value, body.Username, body.Password);
    }

    /// <summary>What the API shows instead of the value: "••••", plus the last four characters of a long value.</summary>
    public static string Mask(SetSecret secret) =>
        secret.Kind != SecretKind.Basic && secret.Value is { Length: >= 20 } value ? "••••" + value[^4..] : "••••";

    private static Body ValueBody(SetSecret secret)
    {
        if (secret.Username is not null || secret.Password is not null)
        {
            throw CoworkerException.Validation($"A {secret.Kind} secret takes 'value' only; 'username' and 'password' are for Basic secrets.");
        }

        return new Body(secret.Kind, Require(secret.Value, "value", MaxValueLength), null, null);
    }

    private static Body BasicBody(SetSecret secret)
    {
        if (secret.Value is not null)
        {
            throw CoworkerException.Validation("A Basic secret takes 'username' and 'password', not 'value'.");
        }

        var username = Require(secret.Username, "username", MaxUsernameLength);
        if (username.Contains(':', StringComparison.Ordinal))
        {
            // RFC 7617: the user-id ends at the first colon, so it cannot contain one.
            throw CoworkerException.Validation("A Basic secret's username cannot contain ':'.");
        }

        return new Body(SecretKind.Basic, null, username, Require(secret.Password, "password", MaxValueLength));
    }

    private static string Require(string? text, string field, int maxLength)
    {
        if (string.IsNullOrEmpty(text))
        {
            throw CoworkerException.Validation($"The secret's '{field}' is required.");
        }

        if (text.Length > maxLength)
        {
            throw CoworkerException.Validation($"The secret's '{field}' is longer than {maxLength} characters.");
        }

        // Values end up in HTTP headers: a control character would break (or smuggle) a header line.
        if (text.Any(char.IsControl))
        {
            throw CoworkerException.Validation($"The secret's '{field}' contains a control character (such as a line break); remove it.");
        }

        return text;
    }

    private static readonly JsonSerializerOptions Options = new() { Converters = { new JsonStringEnumConverter() } };

    private sealed record Body(
        [property: JsonPropertyName("kind")] SecretKind Kind,
        [property: JsonPropertyName("value")] string? Value,
        [property: JsonPropertyName("username")] string? Username,
        [property: JsonPropertyName("password")] string? Password)
    {
        public override string ToString() => $"{Kind} secret body";
    }
}
