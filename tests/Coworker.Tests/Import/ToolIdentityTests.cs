using System.Text;
using Coworker.Catalog.Import;

namespace Coworker.Tests.Import;

/// <summary>
/// Names and hashes are how the catalog recognises a tool across re-imports: the same description must
/// always give the same names and hashes, and a change must show up in exactly the tools it touches.
/// </summary>
public sealed class ToolIdentityTests
{
    private const string Paths = """
        { "/pets": { "get": { "operationId": "listPets", "summary": "List pets", "description": "All the pets.", "responses": { "200": { "description": "ok" } } },
                     "post": { "operationId": "createPet", "summary": "Create a pet", "description": "Adds a pet.", "responses": { "201": { "description": "made" } } } },
          "/pets/{petId}": { "get": { "summary": "Get a pet", "description": "One pet.", "parameters": [ { "name": "petId", "in": "path", "required": true, "schema": { "type": "string" } } ], "responses": { "200": { "description": "ok" } } },
                             "delete": { "operationId": "listPets", "responses": { "204": { "description": "gone" } } } },
          "/a/very/long/path/{with}/many/segments/that/goes/on/and/on/and/on/beyond/sixty/four/characters": { "get": { "parameters": [ { "name": "with", "in": "path", "required": true, "schema": { "type": "string" } } ], "responses": { "200": { "description": "ok" } } } } }
        """;

    [Fact]
    public void NamesComeFromOperationIdsOrMethodAndPathAndCollisionsGetSuffixesInDocumentOrder()
    {
        var api = ImportTestData.Import(ImportTestData.OpenApi(Paths));

        Assert.Equal(["listPets", "createPet", "get_pets_petId", "listPets_2"], api.Tools.Take(4).Select(t => t.Name));
        var longName = api.Tools[4].Name;
        Assert.True(longName.Length <= 64);
        Assert.StartsWith("get_a_very_long_path_with_many_segments", longName, StringComparison.Ordinal);
        Assert.Equal("GET /pets/{petId}", api.Tool("get_pets_petId").Origin.Operation);
        Assert.Equal("DELETE /pets/{petId}", api.Tool("listPets_2").Title);
        SchemaChecks.NamesAreUniqueAndMcpSafe(api.Tools);
    }

    [Fact]
    public void OperationIdsWithPunctuationAreMadeMcpSafe()
    {
        var api = ImportTestData.Import(ImportTestData.OpenApi("""
            { "/x": { "get": { "operationId": "repos/get-content", "responses": { "200": { "description": "ok" } } },
                      "post": { "operationId": "chat.postMessage", "responses": { "200": { "description": "ok" } } },
                      "put": { "operationId": "  ünïcode näme!  ", "responses": { "200": { "description": "ok" } } } } }
            """));

        Assert.Equal(["repos_get-content", "chat_postMessage", "n_code_n_me"], api.Tools.Select(t => t.Name));
    }

    [Fact]
    public void TheSameDescriptionImportedTwiceGivesIdenticalNamesAndHashes()
    {
        var content = Encoding.UTF8.GetBytes(ImportTestData.OpenApi(Paths));

        var first = ApiDescriptionImporter.Import(content, ImportTestData.Options());
        var second = ApiDescriptionImporter.Import(content, ImportTestData.Options());

        Assert.Equal(first.Tools.Select(t => (t.Name, t.SchemaHash, t.InputSchema)), second.Tools.Select(t => (t.Name, t.SchemaHash, t.InputSchema)));
        Assert.Equal(first.Tools.Count, first.Tools.Select(t => t.SchemaHash).Distinct().Count());
    }

    [SkippableFact]
    public void TheSameSharedDescriptionImportedTwiceGivesIdenticalNamesAndHashes()
    {
        var first = ImportTestData.ImportShared("specs/gmail-v1.openapi.yaml");
        var second = ImportTestData.ImportShared("specs/gmail-v1.openapi.yaml");

        Assert.Equal(first.Tools.Select(t => (t.Name, t.SchemaHash)), second.Tools.Select(t => (t.Name, t.SchemaHash)));
    }

    [Fact]
    public void ChangingOneOperationsDescriptionChangesOnlyThatToolsHash()
    {
        var before = ImportTestData.Import(ImportTestData.OpenApi(Paths));
        var after = ImportTestData.Import(ImportTestData.OpenApi(Paths.Replace("Adds a pet.", "Adds a pet to the shop.", StringComparison.Ordinal)));

        var changed = before.Tools.Zip(after.Tools).Where(pair => pair.First.SchemaHash != pair.Second.SchemaHash).Select(pair => pair.First.Name);
        Assert.Equal(["createPet"], changed);
        Assert.Equal(before.Tools.Select(t => t.Name), after.Tools.Select(t => t.Name));
    }

    [Fact]
    public void KeyOrderInTheDescriptionDoesNotChangeTheHash()
    {
        var a = ImportTestData.Import(ImportTestData.OpenApi("""{ "/p": { "get": { "operationId": "p", "parameters": [ { "name": "q", "in": "query", "schema": { "type": "string", "maxLength": 5 } } ], "responses": { "200": { "description": "ok" } } } } }"""));
        var b = ImportTestData.Import(ImportTestData.OpenApi("""{ "/p": { "get": { "responses": { "200": { "description": "ok" } }, "parameters": [ { "schema": { "maxLength": 5, "type": "string" }, "in": "query", "name": "q" } ], "operationId": "p" } } }"""));

        Assert.Equal(a.Tool("p").SchemaHash, b.Tool("p").SchemaHash);
    }
}
