namespace Coworker.Embeddings;

/// <summary>A sparse, named feature vector, hashed into a dense one at the end ("feature hashing").</summary>
internal sealed class FeatureBag
{
    private readonly Dictionary<string, float> _features = new(StringComparer.Ordinal);

    public int Count => _features.Count;

    public IReadOnlyDictionary<string, float> Features => _features;

    public void Add(string feature, float weight)
    {
        if (weight > 0)
        {
            _features[feature] = _features.GetValueOrDefault(feature) + weight;
        }
    }

    /// <summary>Adds this bag, with sublinear term frequency and unit length, times <paramref name="weight"/>.</summary>
    public void AddNormalisedTo(FeatureBag target, float weight)
    {
        if (_features.Count == 0 || weight <= 0)
        {
            return;
        }

        var damped = _features.ToDictionary(f => f.Key, f => f.Value > 1 ? 1 + MathF.Log(f.Value) : f.Value, StringComparer.Ordinal);
        var norm = MathF.Sqrt(damped.Values.Sum(v => v * v));
        foreach (var (feature, value) in damped)
        {
            target.Add(feature, weight * value / norm);
        }
    }

    /// <summary>Signed feature hashing into <paramref name="dimensions"/> floats, L2-normalised.</summary>
    public float[] ToVector(int dimensions, int probes = 3)
    {
        var vector = new float[dimensions];
        var reserved = Intent.All.Count;
        foreach (var (feature, value) in _features)
        {
            // Intents are few and heavy: each has a slot of its own at the start, so no word can collide with one.
            if (feature.StartsWith("i:", StringComparison.Ordinal) && Intent.SlotOf(feature[2..]) is int slot)
            {
                vector[slot] += value;
                continue;
            }

            // Each feature is spread over a few hashed slots (each with a hashed sign), so that a collision with a
            // heavy feature of an unrelated text shifts the similarity by a fraction instead of all of it.
            var share = value / MathF.Sqrt(probes);
            for (var probe = 0; probe < probes; probe++)
            {
                var hash = Fnv1A(feature, probe);
                var index = reserved + (int)(hash % (ulong)(dimensions - reserved));
                vector[index] += (hash >> 63) == 0 ? share : -share;
            }
        }

        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        if (norm > 0)
        {
            for (var i = 0; i < vector.Length; i++)
            {
                vector[i] /= norm;
            }
        }

        return vector;
    }

    private static ulong Fnv1A(string text, int seed)
    {
        var hash = 14695981039346656037UL ^ (ulong)seed * 0x9E3779B97F4A7C15UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        // FNV's high bits mix poorly for short keys: finish with a murmur-style avalanche.
        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccdUL;
        hash ^= hash >> 33;
        return hash;
    }
}
