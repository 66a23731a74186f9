using System.Text;
using System.Text.RegularExpressions;

namespace Coworker.Catalog.Import;

/// <summary>
/// {{variable}} substitution for one request: environment values (ImportOptions.Variables) first, then the
/// enclosing folders from the innermost out, then the collection. What stays unresolved is reported to
/// the caller, which turns it into a required argument. Values referring to values are followed five levels
/// deep, and what substitution may add to one value is capped: a few nested variables that each repeat the
/// next would otherwise grow a 1.5 KB collection into megabytes of path template.
/// </summary>
internal sealed partial class PostmanVariables
{
    private const int MaxPasses = 5;

    private readonly List<IReadOnlyDictionary<string, string>> _scopes;
    private readonly int _maxExpansion;

    public PostmanVariables(IReadOnlyDictionary<string, string>? environment, IEnumerable<IReadOnlyList<PostmanKeyValue>> innermostFirst, int maxExpansion)
    {
        _maxExpansion = maxExpansion;
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

    /// <summary>
    /// Replaces known variables; throws <see cref="ImportLimitException"/> when that would add more than the
    /// expansion limit to <paramref name="text"/>. The check runs while the result is built, so a bomb never
    /// gets to allocate its full size.
    /// </summary>
    public string Substitute(string text, ICollection<string> unresolved)
    {
        var limit = (long)text.Length + _maxExpansion;
        for (var pass = 0; pass < MaxPasses && HasVariable(text); pass++)
        {
            var changed = false;
            var result = new StringBuilder(text.Length);
            var last = 0;
            foreach (Match m in Variable().Matches(text))
            {
                result.Append(text, last, m.Index - last);
                last = m.Index + m.Length;
                if (Lookup(m.Groups[1].Value.Trim()) is { } value)
                {
                    changed = true;
                    result.Append(value);
                }
                else
                {
                    result.Append(m.Value);
                }

                if (result.Length > limit)
                {
                    throw new ImportLimitException(
                        $"expanding its {{{{variables}}}} would add more than {_maxExpansion} characters to one value (variables nested or repeated too often)");
                }
            }

            if (!changed)
            {
                break;
            }

            result.Append(text, last, text.Length - last);
            if (result.Length > limit)
            {
                throw new ImportLimitException(
                    $"expanding its {{{{variables}}}} would add more than {_maxExpansion} characters to one value (variables nested or repeated too often)");
            }

            text = result.ToString();
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
