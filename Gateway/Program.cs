using System.Text.Json.Serialization;
using Coworker.Gateway;
using Coworker.Gateway.Apis;
using Coworker.Gateway.Authentication;
using Coworker.Gateway.GrpcServices;
using Coworker.Gateway.Mcp;
using Coworker.ServiceDefaults;
using Microsoft.AspNetCore.Authentication;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("coworker-gateway");
builder.UseOrleansClient(client => client.UseCoworkerCluster());

builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = GatewayLimits.MaxImportBodyBytes);
builder.Services.AddProblemDetails();
builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
builder.Services.ConfigureHttpJsonOptions(options =>
    options.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
builder.Services.AddOpenApi(options => options.AddDocumentTransformer<BearerSecurityTransformer>());
builder.Services.AddAuthentication(OAuthBearerSetup.SelectorScheme)
    .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(CoworkerPrincipal.Scheme, null)
    .AddAgentOAuthBearer();
builder.Services.AddAuthorization();
builder.Services.AddHostedService<AdminKeyInitializer>();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<AgentKeyCache>();
builder.Services.AddAuthenticationThrottle();
builder.Services.AddHostedService<Coworker.Gateway.Events.GatewayEventListener>();
builder.Services.AddCoworkerMcp(builder.Configuration);
builder.Services.AddCoworkerGrpc();
builder.AddGrpcEndpoint();

var app = builder.Build();
app.UseExceptionHandler(ProblemResults.HandlerOptions());
app.UseStatusCodePages();
app.UseMcpHostAndOriginValidation();
app.UseRouting();
app.UseBodyLimits();
app.UseAuthenticationThrottle();
app.UseAuthentication();
app.UseMcpActiveAgents();
app.UseMcpSessionBinding();
app.UseMcpMessageValidation();
app.UseAuthorization();
app.UseCallerContext();

app.MapOpenApi();
app.MapScalarApiReference("/docs");
app.MapHealthEndpoints();
app.MapGet("/", () => Results.Redirect("/docs")).ExcludeFromDescription();
app.MapTenantsApi();
app.MapTenantMembersApi();
app.MapAgentsApi();
app.MapImportsApi();
app.MapToolsApi();
app.MapToolCallsApi();
app.MapRolesApi();
app.MapCoworkerMcp();
app.MapSecretsApi();
app.MapAuditApi();
app.MapCoworkerGrpc();

app.Run();
