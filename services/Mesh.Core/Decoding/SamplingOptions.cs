namespace Mesh.Core.Decoding;

/// <summary>
/// Token choice. Temperature 0 is greedy (argmax, first index on ties); otherwise logits are divided by
/// the temperature, cut to the smallest set whose probability reaches <see cref="TopP"/>, and sampled
/// with a generator seeded by <see cref="Seed"/> (same seed, same tokens). Valid by construction: a value
/// outside what is allowed throws <see cref="ArgumentException"/> when it is set.
/// </summary>
public sealed record SamplingOptions
{
    readonly float _temperature;
    readonly float _topP = 1f;

    /// <summary>0 (greedy) or a finite positive number.</summary>
    public float Temperature
    {
        get => _temperature;
        init => _temperature = value >= 0f && float.IsFinite(value)
            ? value : throw new ArgumentException($"temperature is {value}; allowed: 0 (greedy) or a finite positive number");
    }

    /// <summary>Nucleus mass in (0, 1].</summary>
    public float TopP
    {
        get => _topP;
        init => _topP = value > 0f && value <= 1f ? value : throw new ArgumentException($"top_p is {value}; allowed: (0, 1]");
    }

    public int Seed { get; init; }

    public static SamplingOptions Greedy { get; } = new();
}

/// <summary>What <see cref="Generation.Generate"/> runs; valid by construction, as <see cref="SamplingOptions"/>.</summary>
public sealed record GenerationOptions
{
    readonly int _maxNewTokens = 128;

    /// <summary>Tokens to generate at most; positive.</summary>
    public int MaxNewTokens
    {
        get => _maxNewTokens;
        init => _maxNewTokens = value > 0 ? value : throw new ArgumentException($"the token limit is {value}; allowed: a positive count");
    }

    /// <summary>Tokens that end generation; the stop token is reported and counted.</summary>
    public IReadOnlySet<int> StopTokenIds { get; init; } = new HashSet<int>();
    public SamplingOptions Sampling { get; init; } = SamplingOptions.Greedy;
    public AttentionPath Path { get; init; } = AttentionPath.Auto;
}
