using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Coworker.Embeddings;

/// <summary>
/// Synonyms from Princeton WordNet 3.0 as Debian's wordnet-base installs it (/usr/share/wordnet: data.*, index.*,
/// *.exc). Parsed once per directory, on first use, into a compact map lemma -> the single-word lemmas of its
/// two most frequent senses (WordNet orders a lemma's synsets by tagged frequency). Missing files are not an
/// error: the embedder then works from <see cref="DomainLexicon"/> alone, and says so once in the log.
/// </summary>
public sealed partial class WordNetSynonyms
{
    public const string DefaultDirectory = "/usr/share/wordnet";
    private const int MaxSynonyms = 5;
    private static readonly ConcurrentDictionary<string, Lazy<WordNetSynonyms>> Cache = new(StringComparer.Ordinal);
    private static readonly (string Pos, int Senses)[] PartsOfSpeech = [("noun", 2), ("verb", 2), ("adj", 1)];

    private readonly Dictionary<string, (string Word, float Weight)[]> _synonyms;
    private readonly Dictionary<string, string> _exceptions;

    private WordNetSynonyms(Dictionary<string, (string Word, float Weight)[]> synonyms, Dictionary<string, string> exceptions)
    {
        _synonyms = synonyms;
        _exceptions = exceptions;
    }

    public static WordNetSynonyms Empty { get; } = new([], []);

    public bool IsAvailable => _synonyms.Count > 0;

    public int LemmaCount => _synonyms.Count;

    /// <summary>The cached synonym map of <paramref name="directory"/> (loaded on the first call for it).</summary>
    public static WordNetSynonyms Load(string? directory, ILogger? logger = null)
    {
        var dir = string.IsNullOrWhiteSpace(directory) ? DefaultDirectory : directory;
        return Cache.GetOrAdd(dir, d => new Lazy<WordNetSynonyms>(() => Read(d, logger))).Value;
    }

    /// <summary>Synonyms of a word (any inflection), best sense first; empty when WordNet does not know it.</summary>
    public IReadOnlyList<(string Word, float Weight)> Synonyms(string word)
    {
        var lemma = Lemma(word);
        return lemma is not null && _synonyms.TryGetValue(lemma, out var list) ? list : [];
    }

    /// <summary>WordNet's "morphy": the dictionary form of an inflected word, or null.</summary>
    public string? Lemma(string word)
    {
        if (_synonyms.ContainsKey(word))
        {
            return word;
        }

        if (_exceptions.TryGetValue(word, out var irregular))
        {
            return irregular;
        }

        foreach (var (suffix, ending) in Detachments)
        {
            if (word.Length > suffix.Length + 2 && word.EndsWith(suffix, StringComparison.Ordinal))
            {
                var candidate = word[..^suffix.Length] + ending;
                if (_synonyms.ContainsKey(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static readonly (string Suffix, string Ending)[] Detachments =
    [
        ("ies", "y"), ("ches", "ch"), ("shes", "sh"), ("sses", "ss"), ("xes", "x"), ("ses", "s"), ("es", "e"),
        ("es", ""), ("s", ""), ("ied", "y"), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", ""), ("er", ""), ("est", ""),
    ];

    private static WordNetSynonyms Read(string directory, ILogger? logger)
    {
        try
        {
            if (!PartsOfSpeech.All(p => File.Exists(Path.Combine(directory, "data." + p.Pos))
                                        && File.Exists(Path.Combine(directory, "index." + p.Pos))))
            {
                if (logger is not null)
                {
                    LogMissing(logger, directory);
                }

                return Empty;
            }

            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var collected = new Dictionary<string, Dictionary<string, float>>(StringComparer.Ordinal);
            foreach (var (pos, senses) in PartsOfSpeech)
            {
                var synsets = WordNetFiles.ReadSynsets(Path.Combine(directory, "data." + pos));
                WordNetFiles.CollectSynonyms(Path.Combine(directory, "index." + pos), synsets, senses, collected);
            }

            var synonyms = collected.ToDictionary(
                entry => entry.Key,
                entry => entry.Value.OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal)
                    .Take(MaxSynonyms).Select(s => (s.Key, s.Value)).ToArray(),
                StringComparer.Ordinal);
            var exceptions = WordNetFiles.ReadExceptions(directory);
            if (logger is not null)
            {
                LogLoaded(logger, synonyms.Count, directory, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            return new WordNetSynonyms(synonyms, exceptions);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            if (logger is not null)
            {
                LogUnreadable(logger, ex, directory);
            }

            return Empty;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "WordNet not found in {Directory}: tool search works without its synonyms (install the Debian package wordnet-base)")]
    private static partial void LogMissing(ILogger logger, string directory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WordNet in {Directory} could not be read: tool search works without its synonyms")]
    private static partial void LogUnreadable(ILogger logger, Exception exception, string directory);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded WordNet synonyms for {Lemmas} lemmas from {Directory} in {Milliseconds:F0} ms")]
    private static partial void LogLoaded(ILogger logger, int lemmas, string directory, double milliseconds);
}
