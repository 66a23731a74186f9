using Coworker.Common;

namespace Coworker.Gateway.Authentication;

/// <summary>
/// Stamps the authenticated caller into Orleans' RequestContext (an AsyncLocal that flows with every
/// grain call made while handling this request), so grains can attribute events and check the caller.
/// </summary>
public static class CallerContextMiddleware
{
    public static IApplicationBuilder UseCallerContext(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.User.Identity?.IsAuthenticated == true)
            {
                RequestContext.Set(CallerContext.ActorKey, context.User.Actor());
                RequestContext.Set(CallerContext.TenantKey, context.User.Tenant() ?? string.Empty);
            }

            await next(context);
        });
}
