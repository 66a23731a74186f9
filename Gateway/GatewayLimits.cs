using Microsoft.AspNetCore.Http.Features;

namespace Coworker.Gateway;

/// <summary>Request body limits: 1 MiB for the JSON API; endpoints that take uploads declare their own with <see cref="BodyLimit"/>.</summary>
public static class GatewayLimits
{
    public const long MaxJsonBodyBytes = 1024 * 1024;

    /// <summary>API descriptions up to 20 MB, plus multipart framing.</summary>
    public const long MaxImportBodyBytes = 21 * 1024 * 1024;

    /// <summary>
    /// Applies the endpoint's limit (or the JSON default) to Kestrel's per-request limit, and answers 413
    /// problem+json at once when Content-Length already says the body is too large. Runs after routing.
    /// </summary>
    public static IApplicationBuilder UseBodyLimits(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var limit = context.GetEndpoint()?.Metadata.GetMetadata<BodyLimit>()?.Bytes ?? MaxJsonBodyBytes;
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = limit;
            }

            if (context.Request.ContentLength > limit)
            {
                await ProblemResults.Write(context, StatusCodes.Status413PayloadTooLarge,
                    $"The request body is larger than {limit / 1024} KiB.");
                return;
            }

            await next(context);
        });
}

/// <summary>Endpoint metadata: the largest request body the endpoint accepts.</summary>
public sealed record BodyLimit(long Bytes);
