using Coworker.ServiceDefaults;
using Coworker.Studio.Authentication;
using Coworker.Studio.Cluster;
using Coworker.Studio.Components;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("coworker-studio");
builder.UseOrleansClient(client => client.UseCoworkerCluster());
// scripts/run.sh and the tests run the build output, not a publish folder: there blazor.web.js and wwwroot
// are found through the build's static web assets manifest, which a host reads by itself only in
// Development. A published app has no such manifest, so in containers this changes nothing.
builder.WebHost.UseStaticWebAssets();

builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddStudioAuthentication();
builder.Services.AddSingleton<AdminKeyValidator>();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<SignInThrottle>();
builder.Services.AddSingleton<ClusterOverview>();
builder.Services.AddSingleton<TenantDirectory>();

var app = builder.Build();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
}

app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapHealthEndpoints();
app.MapLogout();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();
