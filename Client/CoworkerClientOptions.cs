namespace Coworker.Client;

/// <summary>Where the Gateway's gRPC port is, who calls it and for which tenant.</summary>
public sealed class CoworkerClientOptions
{
    /// <summary>The Gateway's gRPC address, e.g. <c>http://127.0.0.1:5081</c> (HTTP/2; its own port, see docs/grpc.md).</summary>
    public Uri? Address { get; set; }

    /// <summary>The API key (user, admin or agent key) or OAuth access token, sent as <c>Authorization: Bearer</c>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The tenant every call is about.</summary>
    public string Tenant { get; set; } = "";

    /// <summary>
    /// The deadline of each unary call from when it starts; null (the default) waits as long as the cancellation
    /// token allows. Audit follows are not bounded by it.
    /// </summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>Attempts of a read call answered UNAVAILABLE, the first included (1 turns retries off); 4 by default.</summary>
    public int MaxReadAttempts { get; set; } = 4;
}
