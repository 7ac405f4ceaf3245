namespace Mesh.Core.Decoding;

/// <summary>
/// Token choice. Temperature 0 is greedy (argmax, first index on ties); otherwise logits are divided by
/// the temperature, cut to the smallest set whose probability reaches <see cref="TopP"/>, and sampled
/// with a generator seeded by <see cref="Seed"/> (same seed, same tokens).
/// </summary>
public sealed record SamplingOptions
{
    public float Temperature { get; init; }
    public float TopP { get; init; } = 1f;
    public int Seed { get; init; }

    public static SamplingOptions Greedy { get; } = new();

    public void Validate()
    {
        if (!(Temperature >= 0f) || float.IsInfinity(Temperature))
            throw new ArgumentOutOfRangeException(nameof(Temperature), Temperature, "temperature must be finite and >= 0 (0 = greedy)");
        if (!(TopP > 0f && TopP <= 1f))
            throw new ArgumentOutOfRangeException(nameof(TopP), TopP, "top_p must be in (0, 1]");
    }
}

/// <summary>What <see cref="Generation.Generate"/> runs.</summary>
public sealed record GenerationOptions
{
    public int MaxNewTokens { get; init; } = 128;
    /// <summary>Tokens that end generation; the stop token is reported and counted.</summary>
    public IReadOnlySet<int> StopTokenIds { get; init; } = new HashSet<int>();
    public SamplingOptions Sampling { get; init; } = SamplingOptions.Greedy;
    public AttentionPath Path { get; init; } = AttentionPath.Auto;

    public void Validate()
    {
        if (MaxNewTokens <= 0) throw new ArgumentOutOfRangeException(nameof(MaxNewTokens), MaxNewTokens, "max_new_tokens must be positive");
        Sampling.Validate();
    }
}
