using System.Text;
using Coworker.Audit;
using Coworker.Tests.Audit;
using NATS.Client.Core;

namespace Coworker.Tests.Operations;

/// <summary>The signature a silo puts on each audit message holds exactly that subject and payload, under this deployment's master key.</summary>
public sealed class AuditSignerTests
{
    private const string Subject = "coworker.audit.acme.tool_call";
    private static readonly byte[] Payload = Encoding.UTF8.GetBytes("""{"id":"1","tenant":"acme"}""");

    private static AuditSigner Signer => TestAuditSigner.Instance;

    [Fact]
    public void WhatASiloSignedIsAccepted() =>
        Assert.Null(Signer.Problem(Subject, Payload, Signer.HeadersFor(Subject, Payload)));

    [Fact]
    public void AChangedPayloadOrAnotherSubjectBreaksTheSignature()
    {
        var headers = Signer.HeadersFor(Subject, Payload);

        Assert.Equal("a wrong signature", Signer.Problem(Subject, Encoding.UTF8.GetBytes("""{"id":"1","tenant":"evil"}"""), headers));
        Assert.Equal("a wrong signature", Signer.Problem("coworker.audit.other.tool_call", Payload, headers));
    }

    [Fact]
    public void AMessageWithoutOrWithAMalformedSignatureIsRefused()
    {
        Assert.Equal("no signature", Signer.Problem(Subject, Payload, null));
        Assert.Equal("no signature", Signer.Problem(Subject, Payload, new NatsHeaders()));
        Assert.Equal("a malformed signature", Signer.Problem(Subject, Payload, new NatsHeaders { [AuditSigner.Header] = "one:AAAA" }));
        Assert.Equal("a malformed signature", Signer.Problem(Subject, Payload, new NatsHeaders { [AuditSigner.Header] = "1:***" }));
    }

    [Fact]
    public void ASignatureUnderAnotherMasterKeyIsRefused()
    {
        var other = TestAuditSigner.For(Convert.ToBase64String(new byte[32]));
        var unknownVersion = TestAuditSigner.For(Convert.ToBase64String(new byte[32]), version: 7);

        Assert.Equal("a wrong signature", Signer.Problem(Subject, Payload, other.HeadersFor(Subject, Payload)));
        Assert.Contains("version 7", Signer.Problem(Subject, Payload, unknownVersion.HeadersFor(Subject, Payload)));
    }
}
