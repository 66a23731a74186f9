using Microsoft.OpenApi;

namespace Coworker.Catalog.Import;

/// <summary>Which of several media types a tool sends and accepts: JSON first, then forms, then whatever is first.</summary>
internal static class MediaTypes
{
    public const string Json = "application/json";
    public const string FormUrlEncoded = "application/x-www-form-urlencoded";
    public const string Multipart = "multipart/form-data";

    public static bool IsJson(string mediaType)
    {
        var type = Bare(mediaType);
        return type == Json || type.EndsWith("+json", StringComparison.Ordinal) || (type.StartsWith("application/", StringComparison.Ordinal) && type.EndsWith("/json", StringComparison.Ordinal));
    }

    public static bool IsForm(string mediaType) => Bare(mediaType) is FormUrlEncoded or Multipart;

    public static bool IsBinary(string mediaType)
    {
        var type = Bare(mediaType);
        return type is "application/octet-stream" or "application/pdf" or "application/zip"
            || type.StartsWith("image/", StringComparison.Ordinal)
            || type.StartsWith("audio/", StringComparison.Ordinal)
            || type.StartsWith("video/", StringComparison.Ordinal);
    }

    /// <summary>application/json, else any JSON type, else form-urlencoded, else multipart, else the first listed.</summary>
    public static KeyValuePair<string, OpenApiMediaType> PickRequest(IDictionary<string, OpenApiMediaType> content) =>
        content.FirstOrDefault(c => Bare(c.Key) == Json) is { Key: not null } exact ? exact
        : content.FirstOrDefault(c => IsJson(c.Key)) is { Key: not null } json ? json
        : content.FirstOrDefault(c => Bare(c.Key) == FormUrlEncoded) is { Key: not null } form ? form
        : content.FirstOrDefault(c => Bare(c.Key) == Multipart) is { Key: not null } multipart ? multipart
        : content.First();

    /// <summary>application/json, else any JSON type, else the first listed.</summary>
    public static KeyValuePair<string, OpenApiMediaType> PickResponse(IDictionary<string, OpenApiMediaType> content) =>
        content.FirstOrDefault(c => Bare(c.Key) == Json) is { Key: not null } exact ? exact
        : content.FirstOrDefault(c => IsJson(c.Key)) is { Key: not null } json ? json
        : content.First();

    public static string Bare(string mediaType)
    {
        var semicolon = mediaType.IndexOf(';', StringComparison.Ordinal);
        return (semicolon >= 0 ? mediaType[..semicolon] : mediaType).Trim().ToLowerInvariant();
    }
}
