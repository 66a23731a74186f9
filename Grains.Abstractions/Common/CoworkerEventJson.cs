using System.Text.Json;

namespace Coworker.Common;

/// <summary>How a <see cref="CoworkerEvent"/> travels on NATS: JSON with web (camelCase) names.</summary>
public static class CoworkerEventJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static byte[] Serialize(CoworkerEvent @event) => JsonSerializer.SerializeToUtf8Bytes(@event, Options);

    /// <summary>The event in a message's payload, or null when the payload is empty or not an event.</summary>
    public static CoworkerEvent? TryParse(byte[]? payload)
    {
        try
        {
            return payload is { Length: > 0 } ? JsonSerializer.Deserialize<CoworkerEvent>(payload, Options) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
