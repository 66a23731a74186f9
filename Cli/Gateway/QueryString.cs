namespace Coworker.Cli.Gateway;

internal static class QueryString
{
    /// <summary>"?a=1&amp;b=x%20y" from the pairs that have a value (escaped); "" when none has.</summary>
    public static string Of(params (string Name, string? Value)[] pairs)
    {
        var given = pairs.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return given.Count == 0 ? "" : "?" + string.Join("&", given);
    }
}
