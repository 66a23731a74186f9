using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;

namespace Coworker.Studio.Authentication;

public static class LogoutEndpoint
{
    /// <summary>
    /// POST /logout from the layout's form. Signing out is a state change, so it is a POST with an
    /// antiforgery token (checked here, since the endpoint binds no form fields that would make the
    /// framework check it), and never a GET that another site could trigger with a link.
    /// </summary>
    public static IEndpointRouteBuilder MapLogout(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(StudioAuthentication.LogoutPath, async (HttpContext context, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest();
            }

            await context.SignOutAsync(StudioAuthentication.Scheme);
            return Results.LocalRedirect("~" + StudioAuthentication.LoginPath);
        });
        return endpoints;
    }
}
