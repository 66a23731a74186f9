using System.Text.Json.Nodes;

namespace Coworker.Catalog.Import;

/// <summary>A Postman request body: mode "raw" (with its language), "urlencoded", "formdata", "graphql" or "file".</summary>
internal sealed record PostmanBody(string Mode, string? Raw, string? Language, IReadOnlyList<PostmanKeyValue> Fields, JsonObject? GraphQl);
