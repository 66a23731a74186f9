using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Coworker.Studio.Authentication;

/// <summary>
/// The Studio signs operators in with a cookie once they have proved they hold the platform admin key.
/// The cookie carries only "this is the admin" (protected by ASP.NET Core Data Protection), never the key
/// or its hash, so a stolen cookie expires with its lifetime and reveals nothing that opens the Gateway.
/// </summary>
public static class StudioAuthentication
{
    public const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string LoginPath = "/login";
    public const string LogoutPath = "/logout";
    public const string AdminName = "admin";

    public static IServiceCollection AddStudioAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(Scheme).AddCookie(options =>
        {
            options.LoginPath = LoginPath;
            options.LogoutPath = LogoutPath;
            options.AccessDeniedPath = LoginPath;
            options.Cookie.Name = "coworker-studio";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
        });
        services.AddAuthorization();
        services.AddCascadingAuthenticationState();
        return services;
    }

    public static ClaimsPrincipal Admin() =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, AdminName), new Claim(ClaimTypes.Name, AdminName)], Scheme));
}
