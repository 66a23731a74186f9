namespace Coworker.Catalog;

/// <summary>How a tool call becomes an HTTP request.</summary>
[GenerateSerializer, Immutable, Alias("Coworker.HttpBinding")]
public sealed record HttpBinding(
    // Upper-case HTTP method.
    [property: Id(0)] string Method,
    // Absolute server URL with server variables resolved to their defaults, no trailing slash.
    [property: Id(1)] string ServerUrl,
    // Path template with {placeholders}, e.g. "/pets/{petId}".
    [property: Id(2)] string PathTemplate,
    [property: Id(3)] IReadOnlyList<ParameterBinding> Parameters,
    // Content type the body is sent as (application/json, application/x-www-form-urlencoded, multipart/form-data, …); null when there is no body.
    [property: Id(4)] string? BodyContentType,
    // Name of the argument that carries the whole body (JSON/raw), or null when the body is built from form fields.
    [property: Id(5)] string? BodyArgument,
    // Accept header value to send (the operation's preferred response type).
    [property: Id(6)] string? Accept);

/// <summary>One argument of the tool and where it goes in the request.</summary>
[GenerateSerializer, Immutable, Alias("Coworker.ParameterBinding")]
public sealed record ParameterBinding(
    // Name in the HTTP request (path placeholder, query key, header, cookie or form field).
    [property: Id(0)] string Name,
    // Property name in the tool's input schema (differs from Name when two locations collide).
    [property: Id(1)] string Argument,
    [property: Id(2)] ParameterLocation In,
    [property: Id(3)] bool Required,
    // How arrays are serialised in query strings: "form" + explode (a=1&amp;a=2) by default.
    [property: Id(4)] string? Style = null,
    [property: Id(5)] bool Explode = true);

[GenerateSerializer, Alias("Coworker.ParameterLocation")]
public enum ParameterLocation
{
    Path = 0,
    Query = 1,
    Header = 2,
    Cookie = 3,
    FormField = 4,
}
