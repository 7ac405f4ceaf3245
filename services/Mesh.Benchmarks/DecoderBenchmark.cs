using System.Diagnostics;
using Mesh.Core.Decoding;
using Mesh.Core.Loading;
using Mesh.Core.Nn;
using Mesh.Judging;
using static TorchSharp.torch;

namespace Mesh.Benchmarks;

/// <summary>The three decoder paths compared by the benchmark.</summary>
public enum BenchPath { Fused, Eager, EagerKeepProbabilities }

public sealed record PathTiming(BenchPath Path, double PrefillTokensPerSecond, double DecodeTokensPerSecond, double DecodeMsPerToken);

public sealed record DecoderBenchResult(
    TextConfig Config, long Parameters, long WeightBytesPerToken, long KvBytesReadAtPrompt, double CopyBytesPerSecond,
    int PromptTokens, int DecodeTokens, int Runs, IReadOnlyList<PathTiming> Paths);

/// <summary>
/// Prefill and decode speed of the LLaMA decoder on a synthetic ~100M-parameter config with seeded
/// random weights, for the fused path, the eager path, and eager with every layer's probabilities kept.
/// Within each run the paths' decode steps take turns step by step, so that machine noise falls on all of them alike.
/// </summary>
public static class DecoderBenchmark
{
    public static TextConfig SyntheticConfig() => new()
    {
        ModelType = "llama", VocabSize = 32000, HiddenSize = 768, IntermediateSize = 2048, NumHiddenLayers = 12,
        NumAttentionHeads = 12, NumKeyValueHeads = 12, HeadDim = 64, MaxPositionEmbeddings = 2048, RmsNormEps = 1e-5,
        RopeTheta = 10000, TieWordEmbeddings = true, QkvBias = false, OutputBias = false, MlpBias = false, HiddenAct = "silu",
    };

    public static DecoderBenchResult Run(int promptTokens, int decodeTokens, int runs, int seed, Action<string>? progress = null)
    {
        var config = SyntheticConfig();
        manual_seed(seed);
        using var model = new LlamaForCausalLM(config, float32, CPU);
        model.eval();
        long parameters = model.parameters().Sum(p => p.numel());
        // Each decode step reads every weight once, except the embedding table, of which it reads one row
        // (when tied, the table is read whole as the LM head).
        long weightBytes = (parameters - (config.TieWordEmbeddings ? 0 : (long)config.VocabSize * config.HiddenSize)) * sizeof(float);
        long kvBytes = 2L * config.NumHiddenLayers * promptTokens * config.NumKeyValueHeads * config.HeadDim * sizeof(float);

        progress?.Invoke("measuring memory bandwidth");
        double bandwidth = MemoryBandwidth.MeasureBytesPerSecond();

        var generator = new Random(seed);
        var prompt = Enumerable.Range(0, promptTokens).Select(_ => (long)generator.Next(config.VocabSize)).ToArray();
        using var noGrad = no_grad();
        var paths = Enum.GetValues<BenchPath>();
        var samples = paths.ToDictionary(p => p, _ => (Prefill: new List<double>(), Decode: new List<double>()));
        for (int run = -1; run < runs; run++) // run -1 warms up
        {
            progress?.Invoke(run < 0 ? "warm-up" : $"run {run + 1}/{runs}: prefill of each path, then their decode steps taking turns");
            // Prefills in an order that rotates with the run; decode steps taking turns step by step.
            var contenders = new Contender[paths.Length];
            try
            {
                for (int j = 0; j < paths.Length; j++)
                {
                    int k = (run + 1 + j) % paths.Length;
                    contenders[k] = new Contender(model, prompt, decodeTokens, paths[k]);
                }
                var decode = TakingTurns.MeanStepMs([.. contenders.Select(c => (Action)c.Step)], decodeTokens);
                if (run < 0) continue;
                for (int k = 0; k < paths.Length; k++)
                {
                    samples[paths[k]].Prefill.Add(contenders[k].PrefillSeconds);
                    samples[paths[k]].Decode.Add(decode[k] / 1000);
                }
            }
            finally
            {
                foreach (var contender in contenders) contender?.Dispose();
            }
        }
        var timings = samples.Select(kv => new PathTiming(kv.Key,
            promptTokens / Median.Of(kv.Value.Prefill),
            1.0 / Median.Of(kv.Value.Decode),
            Median.Of(kv.Value.Decode) * 1000)).ToArray();
        return new DecoderBenchResult(config, parameters, weightBytes, kvBytes, bandwidth, promptTokens, decodeTokens, runs, timings);
    }

    /// <summary>One path's generation: its own cache and hooks, the prompt prefilled (timed), then one decode step per call.</summary>
    sealed class Contender : IDisposable
    {
        readonly LlamaForCausalLM _model;
        readonly KvCache _cache;
        readonly ProbabilityKeeper? _hooks;
        readonly AttentionPath _attention;
        float[] _logits;

        public Contender(LlamaForCausalLM model, long[] prompt, int decodeTokens, BenchPath path)
        {
            _model = model;
            _hooks = path == BenchPath.EagerKeepProbabilities ? new ProbabilityKeeper(model.Config.NumHiddenLayers) : null;
            _attention = path == BenchPath.Fused ? AttentionPath.Auto : AttentionPath.Eager;
            _cache = model.NewCache(prompt.Length + decodeTokens);
            using var ids = tensor(prompt).view(1, -1);
            using var embeds = model.Embed(ids);
            var clock = Stopwatch.StartNew();
            _logits = Generation.Prefill(model, embeds, _cache, _hooks, _attention);
            PrefillSeconds = clock.Elapsed.TotalSeconds;
        }

        public double PrefillSeconds { get; }

        public void Step() => _logits = Generation.DecodeOne(_model, TokenSampler.ArgMax(_logits), _cache, _hooks, _attention);

        public void Dispose() => _cache.Dispose();
    }
}
