namespace Coworker.Storage.Audit;

/// <summary>One tenant's chain, checked row by row in seq order until its first broken link.</summary>
internal sealed class TenantWalk(string tenant)
{
    private long _lastSeq;
    private Guid? _lastId;
    private byte[] _lastHash = AuditChain.Genesis();

    public string Tenant { get; } = tenant;

    public AuditChainFault? Fault { get; private set; }

    public void Check(AuditRowContent row, byte[] prevHash, byte[] hash)
    {
        var expectedSeq = _lastSeq + 1;
        if (row.Seq != expectedSeq)
        {
            Fault = new AuditChainFault(Tenant, row.Seq, row.Id, AuditChainFault.SeqGap, $"seq {expectedSeq}", $"seq {row.Seq}",
                row.Seq > expectedSeq
                    ? $"row {row.Seq} follows row {_lastSeq}: rows {expectedSeq}..{row.Seq - 1} are missing"
                    : $"row {row.Seq} appears again after row {_lastSeq}");
            return;
        }

        if (!prevHash.AsSpan().SequenceEqual(_lastHash))
        {
            Fault = new AuditChainFault(Tenant, row.Seq, row.Id, AuditChainFault.PrevHashMismatch, AuditChain.Hex(_lastHash), AuditChain.Hex(prevHash),
                row.Seq == 1
                    ? "row 1 does not start the chain"
                    : $"row {row.Seq} does not link to row {_lastSeq}: one of them was changed, or a row between them removed");
            return;
        }

        var recomputed = AuditChain.ComputeHash(prevHash, row);
        if (!recomputed.AsSpan().SequenceEqual(hash))
        {
            Fault = new AuditChainFault(Tenant, row.Seq, row.Id, AuditChainFault.HashMismatch, AuditChain.Hex(recomputed), AuditChain.Hex(hash),
                $"row {row.Seq} does not match its hash: it was changed after it was written");
            return;
        }

        _lastSeq = row.Seq;
        _lastId = row.Id;
        _lastHash = hash;
    }

    /// <summary>The writers' recorded head must be the last row; anything else means the tail was cut (or forged).</summary>
    public void CheckHead(long headSeq, byte[] headHash)
    {
        if (Fault is not null)
        {
            return;
        }

        if (headSeq != _lastSeq)
        {
            Fault = new AuditChainFault(Tenant, _lastSeq, _lastId, AuditChainFault.HeadMismatch, $"seq {headSeq}", $"seq {_lastSeq}",
                headSeq > _lastSeq
                    ? $"the chain was written up to row {headSeq} but ends at row {_lastSeq}: rows at the end are missing"
                    : $"the chain has rows after row {headSeq}, the last one its writers recorded: they were added outside the audit writer");
        }
        else if (!headHash.AsSpan().SequenceEqual(_lastHash))
        {
            Fault = new AuditChainFault(Tenant, _lastSeq, _lastId, AuditChainFault.HeadMismatch, AuditChain.Hex(headHash), AuditChain.Hex(_lastHash),
                $"the last row {_lastSeq} is not the one its writers recorded");
        }
    }
}
