using System.Diagnostics;
using System.Globalization;
using System.Net;
using Coworker.Audit;
using Coworker.Gateway.Apis.Contracts;
using Coworker.Listings;
using Coworker.Tests.Infrastructure;

namespace Coworker.Tests.Gateway;

/// <summary>
/// Refused credentials cost one audit row per source per interval, and a source that keeps presenting them is
/// answered 429 before its key is looked at — while another source, with a valid key, carries on. The sources are
/// distinct loopback addresses (<see cref="LoopbackSource"/>): the Gateway trusts no X-Forwarded-For header.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class AuthenticationFailureLimitTests(GatewayFixture gateway)
{
    private const int Attempts = 300;
    private const int Limit = 30; // AuthFailureOptions.MaxFailuresPerWindow's default
    private static readonly TimeSpan AuditInterval = TimeSpan.FromSeconds(2); // GatewayFixture's setting

    [Fact]
    public async Task HundredsOfBogusKeysFromOneSourceLeaveAFewAuditRowsWithTheTrueCountAndThenGet429()
    {
        const string attacker = "127.0.0.2";
        var since = DateTimeOffset.UtcNow;
        var keys = Enumerable.Range(0, Attempts).Select(i => (i % 3) switch
        {
            0 => $"cwk_victim_{Guid.NewGuid():N}{Guid.NewGuid():N}"[..50],
            1 => $"cwa_admin_{Guid.NewGuid():N}{Guid.NewGuid():N}",
            _ => $"garbage-{i}-{Guid.NewGuid():N}",
        }).ToList();

        var statuses = new List<HttpStatusCode>();
        string? retryAfter = null;
        string? throttledDetail = null;
        var clock = Stopwatch.StartNew();
        using (var client = LoopbackSource.Client(gateway.BaseAddress, attacker))
        {
            foreach (var key in keys)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/tenants");
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
                using var response = await client.SendAsync(request);
                statuses.Add(response.StatusCode);
                if (response.StatusCode == HttpStatusCode.TooManyRequests && throttledDetail is null)
                {
                    retryAfter = response.Headers.RetryAfter?.ToString();
                    throttledDetail = await response.AssertProblemAsync(HttpStatusCode.TooManyRequests);
                }
            }
        }

        // Even the real admin key is not looked at while its source is over the limit …
        using (var throttledAdmin = LoopbackSource.Client(gateway.BaseAddress, attacker, GatewayFixture.AdminKey))
        {
            await (await throttledAdmin.GetAsync("/api/v1/tenants")).AssertProblemAsync(HttpStatusCode.TooManyRequests);
        }

        clock.Stop();

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, Limit), statuses.Take(Limit));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[Limit]);
        Assert.True(int.TryParse(retryAfter, CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and <= 60, $"Retry-After: {retryAfter}");
        Assert.Contains("try again in", throttledDetail, StringComparison.Ordinal);

        // … but another source is not held back: its valid key works and its wrong key is an ordinary 401.
        using (var other = LoopbackSource.Client(gateway.BaseAddress, "127.0.0.3", GatewayFixture.AdminKey))
        {
            await (await other.GetAsync("/api/v1/tenants")).ReadAsync<Page<TenantSummary>>();
        }

        using (var otherWrong = LoopbackSource.Client(gateway.BaseAddress, "127.0.0.3", "cwa_admin_wrong-but-only-once"))
        {
            await (await otherWrong.GetAsync("/api/v1/tenants")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        }

        // The audit, read as an admin reads it: every attempt counted, in a handful of rows, no key written.
        var rows = await AuditRowsOfAsync(attacker, since, expectedCount: Attempts + 1);
        var counted = rows.Sum(row => Count(row, "count"));
        Assert.Equal(Attempts + 1, counted);
        Assert.Equal(Attempts + 1 - Limit, rows.Sum(row => Count(row, "throttled")));
        var handful = (int)Math.Ceiling(clock.Elapsed / AuditInterval) + 1;
        Assert.True(rows.Count <= handful, $"{rows.Count} audit rows for {Attempts + 1} attempts over {clock.Elapsed} (at most {handful})");
        Assert.All(rows, row =>
        {
            Assert.Equal(("anonymous", "denied", AuditEvent.PlatformTenant), (row.Actor, row.Outcome, row.Tenant));
            Assert.True(DateTimeOffset.Parse(row.Detail["first_at"], CultureInfo.InvariantCulture) <= DateTimeOffset.Parse(row.Detail["last_at"], CultureInfo.InvariantCulture));
            Assert.DoesNotContain(row.Detail.Values, value => keys.Any(key => value.Contains(key, StringComparison.Ordinal))
                || value.Contains(GatewayFixture.AdminKey, StringComparison.Ordinal));
        });
        Assert.Contains(rows, row => row.Detail["credential"].Contains("tenant_key", StringComparison.Ordinal)
            && row.Detail["reason"].Contains("invalid_key", StringComparison.Ordinal)
            && row.Detail.GetValueOrDefault("claimed_tenant") == "victim");
    }

    private async Task<List<AuditRecord>> AuditRowsOfAsync(string source, DateTimeOffset since, long expectedCount)
    {
        using var admin = gateway.Admin();
        var url = $"/api/v1/tenants/{AuditEvent.PlatformTenant}/audit?kind={AuditKinds.AuthFailure}"
            + $"&from={Uri.EscapeDataString(since.AddSeconds(-1).ToString("O"))}&limit=500";
        var deadline = DateTime.UtcNow.AddSeconds(90); // interval, then JetStream and the batch writer
        while (true)
        {
            var rows = (await (await admin.GetAsync(url)).ReadAsync<AuditPage>()).Items
                .Where(row => row.Detail.GetValueOrDefault("remote_address") == source).ToList();
            if (rows.Sum(row => Count(row, "count")) >= expectedCount || DateTime.UtcNow > deadline)
            {
                return rows;
            }

            await Task.Delay(250);
        }
    }

    private static long Count(AuditRecord row, string key) =>
        row.Detail.TryGetValue(key, out var value) ? long.Parse(value, CultureInfo.InvariantCulture) : 1;

    private sealed record AuditPage(List<AuditRecord> Items, string? Next);
}
