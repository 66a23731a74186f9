// The benchmark's upstream API: GET /pets/{id} answers a small JSON pet, nothing else runs on the request path
// (no logging, no middleware), so that a direct wrk run against it measures the machine's limit.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();

app.MapGet("/pets/{id:long}", (long id) => Results.Json(new Pet(id, $"pet-{id}", "dog"), PetJson.Default.Pet));
app.MapGet("/health", () => Results.Text("ok"));
app.Run();

public sealed record Pet(long Id, string Name, string Tag);

[System.Text.Json.Serialization.JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[System.Text.Json.Serialization.JsonSerializable(typeof(Pet))]
internal sealed partial class PetJson : System.Text.Json.Serialization.JsonSerializerContext;
