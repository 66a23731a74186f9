using System.Net;
using System.Text;
using Coworker.Gateway;
using Coworker.Tests.Infrastructure;
using Coworker.Tests.Secrets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Coworker.Tests.Gateway;

/// <summary>
/// A refused request is the caller's mistake: the Gateway logs it as one warning line, with the caller's values
/// escaped, and never as an unhandled error with a stack trace in which a caller's newline could forge log lines.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class RefusedRequestLoggingTests(GatewayFixture gateway)
{
    [Fact]
    public async Task BadInputAndOversizedBodiesAreOneLineWarningsWithTheCallersNewlinesEscaped()
    {
        var logs = new LogCapture();
        gateway.Services.GetRequiredService<ILoggerFactory>().AddProvider(logs);
        var marker = HttpAssertions.UniqueSlug("forged");
        var forged = $"{marker}\nfail: Coworker.Gateway[0] admin key rotated\r\n\u001b[31m";
        using var admin = gateway.Admin();

        // A value that fails validation (the tenant id), with newlines and a terminal escape in it.
        await (await admin.PostJsonAsync("/api/v1/tenants", new { id = forged, displayName = "x", owner = "a" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        // A JSON body that does not parse (a raw newline inside a string).
        await (await admin.PostAsync("/api/v1/tenants", new StringContent($"{{\"id\": \"{marker}\n", Encoding.UTF8, "application/json")))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        // A JSON body an endpoint reads itself that does not parse.
        var imports = $"/api/v1/tenants/{HttpAssertions.UniqueSlug("logs")}/imports";
        await (await admin.PostAsync(imports, new StringContent($"{{\"sourceId\": \"{marker}\n", Encoding.UTF8, "application/json")))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        // A body just over the import limit sent without Content-Length, so Kestrel finds out while the endpoint reads
        // it (with Content-Length the Gateway answers 413 before the endpoint runs). Only 64 KiB over, so the client
        // has sent it all by the time the Gateway answers.
        var padding = new string('x', (int)GatewayLimits.MaxImportBodyBytes);
        var huge = Encoding.UTF8.GetBytes($$"""{"sourceId": "{{marker}}", "url": "http://127.0.0.1/{{padding}}{{new string('y', 64 * 1024)}}"}""");
        using var chunked = new StreamContent(new UnknownLengthStream(huge));
        chunked.Headers.ContentType = new("application/json");
        await (await admin.PostAsync(imports, chunked)).AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        var entries = logs.Entries.Where(entry => entry.Contains(" Microsoft.AspNetCore", StringComparison.Ordinal)
            || entry.Contains(" Coworker.Gateway", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(entries, entry => entry.StartsWith("Error ", StringComparison.Ordinal) || entry.StartsWith("Critical ", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, entry => entry.Contains("   at ", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, entry => entry.Contains(marker + "\n", StringComparison.Ordinal)
            || entry.Contains("\r", StringComparison.Ordinal) || entry.Contains('\u001b', StringComparison.Ordinal));

        var refusals = entries.Where(entry => entry.StartsWith("Warning ", StringComparison.Ordinal) && entry.Contains("Refused POST /api/v1/tenants", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, refusals.Count);
        Assert.Contains(refusals, entry => entry.Contains(marker + "\\nfail: Coworker.Gateway[0] admin key rotated\\r\\n\\u001b[31m", StringComparison.Ordinal));
        Assert.All(refusals, entry => Assert.DoesNotContain('\n', entry));
    }

    /// <summary>A readable stream whose length HttpClient cannot know, so it sends the body chunked.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
