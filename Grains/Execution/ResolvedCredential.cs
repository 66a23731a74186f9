namespace Coworker.Execution;

/// <summary>
/// A credential ready to be put on an upstream request: header/query/cookie values. <see cref="ToString"/>
/// never prints values, and the request recorder masks every value listed here.
/// </summary>
public sealed class ResolvedCredential
{
    public List<KeyValuePair<string, string>> Headers { get; } = [];
    public List<KeyValuePair<string, string>> Query { get; } = [];
    public List<KeyValuePair<string, string>> Cookies { get; } = [];

    /// <summary>Every secret value, so recorders can mask them wherever they appear.</summary>
    public IEnumerable<string> SecretValues => Headers.Concat(Query).Concat(Cookies).Select(p => p.Value);

    public override string ToString() => $"credential ({Headers.Count} header(s), {Query.Count} query, {Cookies.Count} cookie(s))";
}
