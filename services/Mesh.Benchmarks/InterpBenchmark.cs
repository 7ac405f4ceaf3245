using Stopwatch = System.Diagnostics.Stopwatch;
using Mesh.Core.Decoding;
using Mesh.Core.Interp;
using Mesh.Core.Interp.Contexts;
using Mesh.Core.Nn;
using Mesh.Judging;
using static TorchSharp.torch;

namespace Mesh.Benchmarks;

public sealed record TraceTiming(TraceDetail Level, double DecodeMsPerToken, double TraceBytesPerToken);

public sealed record InterpBenchResult(
    Mesh.Core.Loading.TextConfig Config, int PrefixTokens, int ImageTokens, int InstructionTokens, int QuestionTokens,
    int DecodeTokens, int Runs, IReadOnlyList<TraceTiming> Traces,
    double FullFirstTokenMs, double ContextFirstTokenMs, double K, long FullPromptKvF16Bytes, long ContextF16Bytes, long ContextInt8Bytes,
    int ContextTokens);

/// <summary>
/// The interpretability engine's costs on the synthetic decoder of <see cref="DecoderBenchmark"/> with a
/// LLaVA-1.5-shaped prompt (prefix, 576 image tokens, instruction): decode with FRACTIONS and IMAGE_MAPS
/// traces on every layer against no trace, and re-prompting from a K% context against the full prompt.
/// Image rows are random token embeddings: timing does not depend on their values.
/// </summary>
public static class InterpBenchmark
{
    sealed class CountingSink : ITraceSink
    {
        public long Bytes;
        public void OnTokenTrace(TokenTrace trace) => Bytes += trace.Bytes;
    }

    public static InterpBenchResult Run(int prefixTokens, int instructionTokens, int questionTokens, int decodeTokens, int runs,
                                        double k, int seed, Action<string>? progress = null)
    {
        const int imageTokens = 576;
        var config = DecoderBenchmark.SyntheticConfig();
        manual_seed(seed);
        using var model = new LlamaForCausalLM(config, float32, CPU);
        model.eval();
        using var noGrad = no_grad();
        var random = new Random(seed);
        long[] Ids(int n) => Enumerable.Range(0, n).Select(_ => (long)random.Next(config.VocabSize)).ToArray();
        int promptLength = prefixTokens + imageTokens + instructionTokens;
        using var promptIds = tensor(Ids(promptLength)).view(1, -1);
        using var questionIds = tensor(Ids(questionTokens)).view(1, -1);
        using var prompt = model.Embed(promptIds);                                  // [1, P, hidden]
        using var question = model.Embed(questionIds);                              // [1, Q, hidden]
        var groups = new TokenGroups(prefixTokens, prefixTokens + imageTokens, promptLength);
        var grid = ImageGrid.For(imageTokens);

        var levels = new[] { TraceDetail.None, TraceDetail.Fractions, TraceDetail.ImageMaps };
        var decode = levels.ToDictionary(l => l, _ => new List<double>());
        var bytes = levels.ToDictionary(l => l, _ => 0.0);
        var full = new List<double>();
        var compressed = new List<double>();

        progress?.Invoke("building the K% context (describe pass)");
        var origin = new ContextOrigin("synthetic", new string('0', 64), "describe the image");
        var recipe = ContextRecipe.For(groups, config.NumHiddenLayers, new SelectionRequest(RankingMethod.Attention, k));
        var (context, _) = ContextBuilder.Build(model, prompt, origin, recipe, new GenerationOptions { MaxNewTokens = 16, Path = AttentionPath.Eager });
        using var _ = context;
        var f16 = ContextCodec.Serialize(context, ContextStorage.F16);
        var int8 = ContextCodec.Serialize(context, ContextStorage.Int8);

        for (int run = -1; run < runs; run++)                                       // run -1 warms up
        {
            string label = run < 0 ? "warm-up" : $"run {run + 1}/{runs}";
            progress?.Invoke($"{label}: decode, every trace level step by step");
            var measured = MeasureDecode(model, prompt, groups, grid, levels, decodeTokens);
            if (run >= 0)
                foreach (var level in levels)
                {
                    decode[level].Add(measured[level].Ms);
                    bytes[level] = measured[level].BytesPerToken;
                }
            progress?.Invoke($"{label}: first answer token, full prompt vs context");
            double fullMs = FirstToken(() => FullPromptFirstToken(model, prompt, question));
            double contextMs = FirstToken(() => ContextFirstToken(model, f16, question));
            if (run < 0) continue;
            full.Add(fullMs);
            compressed.Add(contextMs);
        }
        return new InterpBenchResult(config, prefixTokens, imageTokens, instructionTokens, questionTokens, decodeTokens, runs,
            levels.Select(l => new TraceTiming(l, Median.Of(decode[l]), bytes[l])).ToArray(),
            Median.Of(full), Median.Of(compressed), k, context.FullPromptKvBytes(2), f16.Length, int8.Length,
            context.MaxLayerSlots);
    }

    /// <summary>One level's greedy generation, a token per step through the decoder's traced generation: its own cache and sink.</summary>
    sealed class DecodeRun : IDisposable
    {
        readonly KvCache _cache;
        readonly TokenLoop _loop;
        readonly CountingSink _sink = new();

        public DecodeRun(LlamaForCausalLM model, Tensor prompt, TokenGroups groups, ImageGrid grid, TraceDetail level, int tokens)
        {
            _cache = model.NewCache((int)prompt.shape[1] + tokens + 1);
            var traced = new TracedGeneration(new TraceRequest(level, LayerScope.All), groups, grid, _sink);
            _loop = traced.Start(model, prompt, _cache, new GenerationOptions { MaxNewTokens = tokens + 1 });
            _sink.Bytes = 0;
        }

        public long TraceBytes => _sink.Bytes;

        public void Step() => _loop.Next();

        public void Dispose() => _cache.Dispose();
    }

    /// <summary>
    /// Mean ms per decode step after the prompt for every level, with traces of that level on every layer streamed to a
    /// counting sink; the levels take turns step by step (<see cref="TakingTurns"/>).
    /// </summary>
    static Dictionary<TraceDetail, (double Ms, double BytesPerToken)> MeasureDecode(LlamaForCausalLM model, Tensor prompt, TokenGroups groups,
                                                                                   ImageGrid grid, TraceDetail[] levels, int tokens)
    {
        var runs = levels.Select(level => new DecodeRun(model, prompt, groups, grid, level, tokens)).ToArray();
        try
        {
            var ms = TakingTurns.MeanStepMs([.. runs.Select(r => (Action)r.Step)], tokens);
            return levels.Select((level, n) => (level, n)).ToDictionary(x => x.level, x => (ms[x.n], (double)runs[x.n].TraceBytes / tokens));
        }
        finally
        {
            foreach (var run in runs) run.Dispose();
        }
    }

    static double FirstToken(Func<int> answer)
    {
        var clock = Stopwatch.StartNew();
        answer();
        return clock.Elapsed.TotalMilliseconds;
    }

    /// <summary>The whole prompt (image included) then the question, in one fresh cache; the first answer token.</summary>
    static int FullPromptFirstToken(LlamaForCausalLM model, Tensor prompt, Tensor question)
    {
        using var cache = model.NewCache((int)(prompt.shape[1] + question.shape[1]));
        Generation.Prefill(model, prompt, cache);
        return TokenSampler.ArgMax(Generation.Prefill(model, question, cache));
    }

    /// <summary>Reading the stored F16 context, restoring its cache and prefilling the question; the first answer token.</summary>
    static int ContextFirstToken(LlamaForCausalLM model, byte[] stored, Tensor question)
    {
        using var context = ContextCodec.Deserialize(stored);
        using var cache = context.OpenCache(model, (int)question.shape[1]);
        return TokenSampler.ArgMax(Generation.Prefill(model, question, cache));
    }
}
