using Coworker.Audit;
using Coworker.Common;

namespace Coworker.Tests.Audit;

/// <summary>What is stored is what is hashed: times at PostgreSQL's precision, text PostgreSQL accepts, no credentials.</summary>
public sealed class AuditEventNormalizerTests
{
    private static readonly TimeProvider Time = TimeProvider.System;

    [Fact]
    public void TheTimeIsKeptInUtcAtMicrosecondPrecision()
    {
        var at = new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.FromHours(2)).AddTicks(1_234_567);

        var normalized = AuditEventNormalizer.Normalize(AuditTestEvents.ToolCall("acme", at: at), Time);

        Assert.Equal(TimeSpan.Zero, normalized.At.Offset);
        Assert.Equal(at.UtcTicks - 7, normalized.At.UtcTicks);
    }

    [Fact]
    public void CredentialLookingDetailIsRedactedWhateverTheCallerMeant()
    {
        var detail = new Dictionary<string, string>
        {
            ["api_key"] = "sk_live_123",
            ["Authorization"] = "Bearer abc",
            ["client-secret"] = "xyz",
            ["header"] = "Bearer eyJhbGciOi",
            ["presented"] = "cwk_acme_0123456789",
            ["keyId"] = "k-42",
            ["status"] = "401",
        };

        var normalized = AuditEventNormalizer.Normalize(AuditTestEvents.ToolCall("acme") with { Detail = detail }, Time);

        Assert.Equal(AuditEventNormalizer.Redacted, normalized.Detail["api_key"]);
        Assert.Equal(AuditEventNormalizer.Redacted, normalized.Detail["Authorization"]);
        Assert.Equal(AuditEventNormalizer.Redacted, normalized.Detail["client-secret"]);
        Assert.Equal(AuditEventNormalizer.Redacted, normalized.Detail["header"]);
        Assert.Equal(AuditEventNormalizer.Redacted, normalized.Detail["presented"]);
        Assert.Equal(("k-42", "401"), (normalized.Detail["keyId"], normalized.Detail["status"]));
    }

    [Fact]
    public void TextPostgreSqlWouldRefuseIsCleanedAndBounded()
    {
        var auditEvent = AuditTestEvents.ToolCall("acme") with
        {
            Target = "tool\0name\ud800",
            Actor = "",
            Detail = new Dictionary<string, string> { ["long"] = new string('x', 5000) },
        };

        var normalized = AuditEventNormalizer.Normalize(auditEvent, Time);

        Assert.Equal("toolname\ufffd", normalized.Target);
        Assert.Equal("system", normalized.Actor);
        Assert.Equal(1024, normalized.Detail["long"].Length);
    }

    [Theory]
    [InlineData("", "tool_call")]
    [InlineData("a.b", "tool_call")]
    [InlineData("acme", "")]
    [InlineData("acme", "tool.call")]
    [InlineData("acme", "*")]
    public void TenantAndKindMustBeSafeSubjectTokens(string tenant, string kind)
    {
        var refused = Assert.Throws<CoworkerException>(() =>
            AuditEventNormalizer.Normalize(AuditTestEvents.ToolCall("acme") with { Tenant = tenant, Kind = kind }, Time));

        Assert.Equal(ErrorKind.Validation, refused.Kind);
    }

    [Fact]
    public void ThePlatformTenantIsAccepted() =>
        Assert.Equal(AuditEvent.PlatformTenant,
            AuditEventNormalizer.Normalize(AuditTestEvents.ToolCall("acme") with { Tenant = AuditEvent.PlatformTenant }, Time).Tenant);
}
