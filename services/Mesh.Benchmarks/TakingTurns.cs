using System.Diagnostics;

namespace Mesh.Benchmarks;

/// <summary>
/// Times contenders that each run the same number of steps (one decode step each, say) by letting them take turns
/// step by step, in an order that rotates every step, so that the machine's drift over a run (other tenants, memory
/// state) falls on every contender alike instead of on whichever would have run last.
/// </summary>
public static class TakingTurns
{
    /// <summary>Runs <paramref name="steps"/> steps of every contender; mean ms per step, one per contender.</summary>
    public static double[] MeanStepMs(IReadOnlyList<Action> contenders, int steps)
    {
        var total = new double[contenders.Count];
        for (int i = 0; i < steps; i++)
            for (int j = 0; j < contenders.Count; j++)
            {
                int k = (i + j) % contenders.Count;
                long start = Stopwatch.GetTimestamp();
                contenders[k]();
                total[k] += Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
        return [.. total.Select(ms => ms / steps)];
    }
}
