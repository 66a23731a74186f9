using Coworker.ServiceDefaults;
using Coworker.Studio.Authentication;
using Coworker.Studio.Cluster;
using Coworker.Studio.Components;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("coworker-studio");
builder.UseOrleansClient(client => client.UseCoworkerCluster());

builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddStudioAuthentication();
builder.Services.AddSingleton<AdminKeyValidator>();
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
