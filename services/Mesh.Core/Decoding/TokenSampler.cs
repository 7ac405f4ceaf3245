namespace Mesh.Core.Decoding;

/// <summary>Chooses the next token from a row of logits (see <see cref="SamplingOptions"/>). One per request.</summary>
public sealed class TokenSampler
{
    readonly SamplingOptions _options;
    readonly Random _random;

    public TokenSampler(SamplingOptions options)
    {
        _options = options;
        _random = new Random(options.Seed);
    }

    /// <summary>The chosen token and its log-probability under the unmodified logits.</summary>
    /// <exception cref="InvalidOperationException">The logits hold no finite maximum (NaN, or all -inf).</exception>
    public (int Token, float Logprob) Next(ReadOnlySpan<float> logits)
    {
        float peak = float.NegativeInfinity;
        foreach (float x in logits)
        {
            if (float.IsNaN(x)) { peak = x; break; }
            peak = Math.Max(peak, x);
        }
        if (!float.IsFinite(peak)) throw new InvalidOperationException($"the logits hold no finite maximum ({peak}); nothing can be sampled");
        int token = _options.Temperature == 0f ? ArgMax(logits) : Sample(logits);
        return (token, (float)(logits[token] - LogSumExp(logits)));
    }

    /// <summary>The index of the largest logit, the first one on ties (greedy choice).</summary>
    public static int ArgMax(ReadOnlySpan<float> logits)
    {
        int best = 0;
        for (int i = 1; i < logits.Length; i++)
            if (logits[i] > logits[best]) best = i;
        return best;
    }

    int Sample(ReadOnlySpan<float> logits)
    {
        // Softmax at the temperature, in descending order of probability.
        var order = new int[logits.Length];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        var scaled = new double[logits.Length];
        double max = double.NegativeInfinity;
        for (int i = 0; i < logits.Length; i++) max = Math.Max(max, scaled[i] = (double)logits[i] / _options.Temperature);
        double total = 0;
        for (int i = 0; i < scaled.Length; i++) total += scaled[i] = Math.Exp(scaled[i] - max);
        Array.Sort(order, (a, b) => scaled[b].CompareTo(scaled[a]) is var c && c != 0 ? c : a.CompareTo(b));

        // Nucleus: keep the most likely tokens until their mass reaches top_p (at least one).
        int kept = 0;
        double mass = 0;
        while (kept < order.Length && (kept == 0 || mass < _options.TopP * total)) mass += scaled[order[kept++]];

        double draw = _random.NextDouble() * mass;
        for (int i = 0; i < kept; i++)
            if ((draw -= scaled[order[i]]) < 0) return order[i];
        return order[kept - 1];
    }

    static double LogSumExp(ReadOnlySpan<float> logits)
    {
        double max = double.NegativeInfinity;
        foreach (float x in logits) max = Math.Max(max, x);
        double sum = 0;
        foreach (float x in logits) sum += Math.Exp(x - max);
        return max + Math.Log(sum);
    }
}
