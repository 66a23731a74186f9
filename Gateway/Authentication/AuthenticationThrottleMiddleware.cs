using System.Globalization;

namespace Coworker.Gateway.Authentication;

/// <summary>Registers the refused-credential limit and audit summaries, and puts the limit in front of authentication.</summary>
public static class AuthenticationThrottleMiddleware
{
    public static IServiceCollection AddAuthenticationThrottle(this IServiceCollection services)
    {
        services.AddOptions<AuthFailureOptions>().BindConfiguration(AuthFailureOptions.Section)
            .Validate(options => options.IsValid(), "Coworker:AuthFailures needs positive limits, window and interval.")
            .ValidateOnStart();
        services.AddSingleton<AuthFailureAggregator>();
        services.AddSingleton<AuthenticationThrottle>();
        services.AddHostedService<AuthFailureAuditWriter>();
        return services;
    }

    /// <summary>
    /// Answers 429 problem+json with Retry-After to a request that carries a credential from a source over the limit.
    /// Requests without a credential pass (they are refused later, or reach anonymous endpoints such as /health).
    /// </summary>
    public static IApplicationBuilder UseAuthenticationThrottle(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var carriesCredential = context.Request.Headers.Authorization.Count > 0 || context.Request.Headers.ContainsKey("X-Api-Key");
            if (carriesCredential && context.RequestServices.GetRequiredService<AuthenticationThrottle>() is var throttle
                && throttle.RetryAfter(context) is { } wait)
            {
                throttle.Throttled(context);
                var seconds = (int)Math.Ceiling(Math.Max(1, wait.TotalSeconds));
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await ProblemResults.Write(context, StatusCodes.Status429TooManyRequests,
                    $"Too many refused credentials from your address: try again in {seconds} s.");
                return;
            }

            await next(context);
        });
}
