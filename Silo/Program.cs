using Coworker.ServiceDefaults;
using Coworker.Silo;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("coworker-silo");
builder.UseOrleans(silo => silo
    .UseCoworker(builder.Configuration)
    .UseConfiguredEndpoints(builder.Configuration)
    .AddCoworkerGrains(builder.Configuration));

var app = builder.Build();
app.MapHealthEndpoints();
app.Run();
