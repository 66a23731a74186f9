using System.Text.RegularExpressions;

namespace Coworker.Catalog.Import;

/// <summary>
/// {{variable}} substitution for one request: environment values (ImportOptions.Variables) first, then the
/// enclosing folders from the innermost out, then the collection. What stays unresolved is reported to
/// the caller, which turns it into a required argument.
/// </summary>
internal sealed partial class PostmanVariables
{
    private const int MaxPasses = 5;

    private readonly List<IReadOnlyDictionary<string, string>> _scopes;

    public PostmanVariables(IReadOnlyDictionary<string, string>? environment, IEnumerable<IReadOnlyList<PostmanKeyValue>> innermostFirst)
    {
        _scopes = [];
        if (environment is not null)
        {
            _scopes.Add(environment);
        }

        foreach (var scope in innermostFirst)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var variable in scope.Where(v => !v.Disabled && v.Value is not null))
            {
                values.TryAdd(variable.Key, variable.Value!);
            }

            _scopes.Add(values);
        }
    }

    /// <summary>The variable name when <paramref name="text"/> is exactly one "{{name}}", else null.</summary>
    public static string? SoleVariable(string? text) =>
        text is not null && Sole().Match(text.Trim()) is { Success: true } m ? m.Groups[1].Value.Trim() : null;

    public static bool HasVariable(string text) => Variable().IsMatch(text);

    public string Substitute(string text, ICollection<string> unresolved)
    {
        // Values may themselves refer to variables; a few passes cover that without looping on a cycle.
        for (var pass = 0; pass < MaxPasses && HasVariable(text); pass++)
        {
            var changed = false;
            text = Variable().Replace(text, m =>
            {
                var name = m.Groups[1].Value.Trim();
                if (Lookup(name) is { } value)
                {
                    changed = true;
                    return value;
                }

                return m.Value;
            });
            if (!changed)
            {
                break;
            }
        }

        foreach (Match m in Variable().Matches(text))
        {
            var name = m.Groups[1].Value.Trim();
            if (!unresolved.Contains(name))
            {
                unresolved.Add(name);
            }
        }

        return text;
    }

    private string? Lookup(string name)
    {
        foreach (var scope in _scopes)
        {
            if (scope.TryGetValue(name, out var value))
            {
                return value;
            }
        }

        return null;
    }

    [GeneratedRegex(@"\{\{([^{}]+)\}\}")]
    internal static partial Regex Variable();

    [GeneratedRegex(@"^\{\{([^{}]+)\}\}$")]
    private static partial Regex Sole();
}
