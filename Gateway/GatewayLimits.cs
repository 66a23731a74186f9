namespace Coworker.Gateway;

/// <summary>Request limits of the REST API; imports of API descriptions get their own, larger limit.</summary>
public static class GatewayLimits
{
    public const long MaxJsonBodyBytes = 1024 * 1024;

    /// <summary>
    /// Enforces the body limit in middleware as well as in Kestrel, so it holds whatever server hosts the
    /// app, and answers 413 problem+json when Content-Length already says the body is too large.
    /// </summary>
    public static IApplicationBuilder UseMaxJsonBody(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.ContentLength > MaxJsonBodyBytes)
            {
                await ProblemResults.Write(context, StatusCodes.Status413PayloadTooLarge,
                    $"The request body is larger than {MaxJsonBodyBytes / 1024} KiB.");
                return;
            }

            await next(context);
        });
}
