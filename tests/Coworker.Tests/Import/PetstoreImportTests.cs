using System.Text.Json.Nodes;
using Coworker.Catalog;

namespace Coworker.Tests.Import;

/// <summary>The classic petstore descriptions, as an operator would check them in staging.</summary>
public sealed class PetstoreImportTests
{
    [SkippableFact]
    public void GetPetByIdCallsGetPetPetIdWithTheRequiredPathParameterAndTheApiKey()
    {
        var tool = ImportTestData.ImportShared("specs/petstore-v3.openapi.yaml").Tool("getPetById");

        Assert.Equal("GET", tool.Binding.Method);
        Assert.Equal("https://petstore3.swagger.io/api/v3", tool.Binding.ServerUrl);
        Assert.Equal("/pet/{petId}", tool.Binding.PathTemplate);
        var petId = Assert.Single(tool.Binding.Parameters);
        Assert.Equal(new ParameterBinding("petId", "petId", ParameterLocation.Path, true, "simple", false), petId);
        Assert.Equal("application/json", tool.Binding.Accept);
        Assert.Null(tool.Binding.BodyContentType);

        var schema = JsonNode.Parse(tool.InputSchema)!;
        Assert.Equal(["petId"], schema["required"]!.AsArray().Select(r => (string)r!));
        Assert.Equal("integer", (string?)schema["properties"]!["petId"]!["type"]);

        // security: [{api_key: []}, {petstore_auth: [...]}]; the first requirement wins.
        Assert.Equal(
            (AuthKind.ApiKey, "api_key", "api_key", (ParameterLocation?)ParameterLocation.Header),
            (tool.Auth.Kind, tool.Auth.SecretRef, tool.Auth.ParameterName, tool.Auth.ParameterIn));
        Assert.Equal(new ToolAnnotations(ReadOnly: true, Destructive: false, Idempotent: true), tool.Annotations);
        Assert.Equal("GET /pet/{petId}", tool.Origin.Operation);
        Assert.Equal("/paths/~1pet~1{petId}/get", tool.Origin.Pointer);
        Assert.Equal("openapi-3.0", tool.Origin.Format);
        Assert.Equal("Find pet by ID.", tool.Title);
        Assert.Contains("Returns a single pet", tool.Description, StringComparison.Ordinal);
        Assert.Equal(["pet"], tool.Tags);
        Assert.Equal("object", (string?)JsonNode.Parse(tool.OutputSchema!)!["type"]);
    }

    [SkippableFact]
    public void OAuthOperationsNeedTheSchemeScopesAndPutIsBodyBoundJson()
    {
        var tool = ImportTestData.ImportShared("specs/petstore-v3.openapi.yaml").Tool("updatePet");

        Assert.Equal(AuthKind.OAuth2, tool.Auth.Kind);
        Assert.Equal("petstore_auth", tool.Auth.Provider);
        Assert.Equal(["write:pets", "read:pets"], tool.Auth.Scopes);
        Assert.Equal("application/json", tool.Binding.BodyContentType);
        Assert.Equal("body", tool.Binding.BodyArgument);
        var body = JsonNode.Parse(tool.InputSchema)!["properties"]!["body"]!;
        Assert.Contains("photoUrls", body["required"]!.AsArray().Select(r => (string)r!));
        Assert.Equal("object", (string?)body["properties"]!["category"]!["type"]);
        Assert.Equal(new ToolAnnotations(ReadOnly: false, Destructive: false, Idempotent: true), tool.Annotations);
    }

    [SkippableFact]
    public void Swagger2UploadFileIsMultipartWithAFileFormField()
    {
        var api = ImportTestData.ImportShared("specs/petstore-swagger2.petstore.json");
        var tool = api.Tool("uploadFile");

        Assert.Equal("swagger-2.0", api.Format);
        Assert.Equal("POST", tool.Binding.Method);
        Assert.Equal("http://petstore.swagger.io/v2", tool.Binding.ServerUrl);
        Assert.Equal("/pet/{petId}/uploadImage", tool.Binding.PathTemplate);
        Assert.Equal("multipart/form-data", tool.Binding.BodyContentType);
        Assert.Null(tool.Binding.BodyArgument);
        var file = Assert.Single(tool.Binding.Parameters, p => p.Name == "file");
        Assert.Equal(ParameterLocation.FormField, file.In);
        Assert.Contains(tool.Binding.Parameters, p => p.Name == "additionalMetadata" && p.In == ParameterLocation.FormField);
        Assert.Contains(tool.Binding.Parameters, p => p.Name == "petId" && p.In == ParameterLocation.Path && p.Required);

        var fileSchema = JsonNode.Parse(tool.InputSchema)!["properties"]!["file"]!;
        Assert.Equal("string", (string?)fileSchema["type"]);
        Assert.Equal("binary", (string?)fileSchema["format"]);
        Assert.Equal("base64", (string?)fileSchema["contentEncoding"]);
    }

    [SkippableFact]
    public void Swagger2FormBodiesAndMultiValueQueriesKeepTheirEncoding()
    {
        var api = ImportTestData.ImportShared("specs/petstore-swagger2.petstore.json");

        var form = api.Tool("updatePetWithForm");
        Assert.Equal("application/x-www-form-urlencoded", form.Binding.BodyContentType);
        Assert.Equal(["name", "status"], form.Binding.Parameters.Where(p => p.In == ParameterLocation.FormField).Select(p => p.Name));

        var status = Assert.Single(api.Tool("findPetsByStatus").Binding.Parameters);
        Assert.Equal((ParameterLocation.Query, "form", true, true), (status.In, status.Style, status.Explode, status.Required));

        var delete = api.Tool("deletePet");
        Assert.True(delete.Annotations.Destructive);
        Assert.Contains(delete.Binding.Parameters, p => p.Name == "api_key" && p.In == ParameterLocation.Header && !p.Required);
    }
}
