namespace Coworker.Embeddings;

/// <summary>
/// M. F. Porter's 1980 suffix stripper (the original algorithm, steps 1a-5b), so that "listing", "lists" and
/// "listed" share one feature. Input is a lower-case ASCII word; anything else is returned unchanged.
/// </summary>
public static class PorterStemmer
{
    public static string Stem(string word)
    {
        if (word.Length <= 2 || !word.All(c => c is >= 'a' and <= 'z'))
        {
            return word;
        }

        var w = word;
        w = Step1A(w);
        w = Step1B(w);
        if (w.EndsWith('y') && HasVowel(w[..^1]))
        {
            w = w[..^1] + "i";
        }

        w = Replace(w, Step2Rules, 0);
        w = Replace(w, Step3Rules, 0);
        w = Step4(w);
        return Step5(w);
    }

    private static readonly (string Suffix, string Replacement)[] Step2Rules =
    [
        ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"), ("abli", "able"),
        ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"), ("ization", "ize"), ("ation", "ate"),
        ("ator", "ate"), ("alism", "al"), ("iveness", "ive"), ("fulness", "ful"), ("ousness", "ous"), ("aliti", "al"),
        ("iviti", "ive"), ("biliti", "ble"),
    ];

    private static readonly (string Suffix, string Replacement)[] Step3Rules =
    [
        ("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"), ("ful", ""), ("ness", ""),
    ];

    private static readonly string[] Step4Suffixes =
    [
        "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou", "ism", "ate",
        "iti", "ous", "ive", "ize",
    ];

    private static bool IsConsonant(string w, int i) => w[i] switch
    {
        'a' or 'e' or 'i' or 'o' or 'u' => false,
        'y' => i == 0 || !IsConsonant(w, i - 1),
        _ => true,
    };

    // m() in Porter's paper: the number of vowel-consonant sequences in the stem.
    private static int Measure(string w)
    {
        int n = 0, i = 0;
        while (i < w.Length && IsConsonant(w, i)) { i++; }
        while (i < w.Length)
        {
            while (i < w.Length && !IsConsonant(w, i)) { i++; }
            if (i >= w.Length) { break; }
            while (i < w.Length && IsConsonant(w, i)) { i++; }
            n++;
        }

        return n;
    }

    private static bool HasVowel(string w)
    {
        for (var i = 0; i < w.Length; i++)
        {
            if (!IsConsonant(w, i)) { return true; }
        }

        return false;
    }

    private static bool EndsDoubleConsonant(string w) =>
        w.Length >= 2 && w[^1] == w[^2] && IsConsonant(w, w.Length - 1);

    // *o: the stem ends consonant-vowel-consonant, the last not w, x or y (hop, not hoop).
    private static bool EndsCvc(string w) =>
        w.Length >= 3 && IsConsonant(w, w.Length - 3) && !IsConsonant(w, w.Length - 2) && IsConsonant(w, w.Length - 1)
        && w[^1] is not ('w' or 'x' or 'y');

    private static string Step1A(string w)
    {
        if (w.EndsWith("sses", StringComparison.Ordinal)) { return w[..^2]; }
        if (w.EndsWith("ies", StringComparison.Ordinal)) { return w[..^2]; }
        if (w.EndsWith("ss", StringComparison.Ordinal)) { return w; }
        return w.EndsWith('s') ? w[..^1] : w;
    }

    private static string Step1B(string w)
    {
        if (w.EndsWith("eed", StringComparison.Ordinal))
        {
            return Measure(w[..^3]) > 0 ? w[..^1] : w;
        }

        string stem;
        if (w.EndsWith("ed", StringComparison.Ordinal) && HasVowel(w[..^2])) { stem = w[..^2]; }
        else if (w.EndsWith("ing", StringComparison.Ordinal) && HasVowel(w[..^3])) { stem = w[..^3]; }
        else { return w; }

        if (stem.EndsWith("at", StringComparison.Ordinal) || stem.EndsWith("bl", StringComparison.Ordinal)
            || stem.EndsWith("iz", StringComparison.Ordinal))
        {
            return stem + "e";
        }

        if (EndsDoubleConsonant(stem) && stem[^1] is not ('l' or 's' or 'z'))
        {
            return stem[..^1];
        }

        return Measure(stem) == 1 && EndsCvc(stem) ? stem + "e" : stem;
    }

    private static string Replace(string w, (string Suffix, string Replacement)[] rules, int minMeasure)
    {
        foreach (var (suffix, replacement) in rules)
        {
            if (w.EndsWith(suffix, StringComparison.Ordinal))
            {
                var stem = w[..^suffix.Length];
                return Measure(stem) > minMeasure ? stem + replacement : w;
            }
        }

        return w;
    }

    private static string Step4(string w)
    {
        foreach (var suffix in Step4Suffixes)
        {
            if (!w.EndsWith(suffix, StringComparison.Ordinal)) { continue; }
            var stem = w[..^suffix.Length];
            if (Measure(stem) <= 1) { return w; }
            if (suffix == "ion" && !(stem.EndsWith('s') || stem.EndsWith('t'))) { return w; }
            return stem;
        }

        return w;
    }

    private static string Step5(string w)
    {
        if (w.EndsWith('e'))
        {
            var stem = w[..^1];
            var m = Measure(stem);
            if (m > 1 || (m == 1 && !EndsCvc(stem))) { w = stem; }
        }

        return Measure(w) > 1 && EndsDoubleConsonant(w) && w.EndsWith('l') ? w[..^1] : w;
    }
}
