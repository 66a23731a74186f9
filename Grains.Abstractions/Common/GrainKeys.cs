namespace Coworker.Common;

/// <summary>
/// Composite grain keys, tenant first, built and parsed in one place: "{tenant}/{id}".
/// </summary>
public static class GrainKeys
{
    public static string Compose(string tenant, string id) => $"{tenant}/{id}";

    public static (string Tenant, string Id) Split(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == key.Length - 1)
        {
            throw new ArgumentException($"'{key}' is not a tenant-scoped grain key.", nameof(key));
        }

        return (key[..slash], key[(slash + 1)..]);
    }
}
