using System.Net;
using System.Net.Http.Headers;
using Coworker.Catalog;
using Coworker.Tests.Catalog;
using Coworker.Tests.Infrastructure;

namespace Coworker.Tests.Import;

/// <summary>Multipart uploads with the optional import fields (toolPrefix) that CatalogScenario does not send.</summary>
internal static class ImportUploads
{
    public static async Task<HttpResponseMessage> PostAsync(this CatalogScenario scenario, string sourceId, byte[] content, string? toolPrefix)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", "api");
        form.Add(new StringContent(sourceId), "sourceId");
        if (toolPrefix is not null)
        {
            form.Add(new StringContent(toolPrefix), "toolPrefix");
        }

        return await scenario.Owner.PostAsync($"/api/v1/tenants/{scenario.Tenant}/imports", form);
    }

    /// <summary>Uploads and waits for the job to finish.</summary>
    public static async Task<ImportJobInfo> ImportAsync(this CatalogScenario scenario, string sourceId, byte[] content, string? toolPrefix = null)
    {
        var started = await (await scenario.PostAsync(sourceId, content, toolPrefix)).ReadAsync<ImportJobInfo>(HttpStatusCode.Accepted);
        return await scenario.WaitAsync(started.Id);
    }
}
