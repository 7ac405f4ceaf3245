using System.Globalization;
using System.Text;
using Mesh.Core.Interp;

namespace Mesh.Benchmarks;

/// <summary>The interpretability benchmark as markdown, judged against the engine's targets.</summary>
public static class InterpBenchReport
{
    public static string Markdown(InterpBenchResult r, string machine)
    {
        var inv = CultureInfo.InvariantCulture;
        var none = r.Traces.Single(t => t.Level == TraceDetail.None);
        double Overhead(TraceDetail level) => r.Traces.Single(t => t.Level == level).DecodeMsPerToken / none.DecodeMsPerToken - 1;
        int promptTokens = r.PrefixTokens + r.ImageTokens + r.InstructionTokens;
        double speedup = r.FullFirstTokenMs / r.ContextFirstTokenMs;
        double tokenRatio = (double)promptTokens / r.ContextTokens;
        double f16Ratio = (double)r.FullPromptKvF16Bytes / r.ContextF16Bytes, int8Ratio = (double)r.FullPromptKvF16Bytes / r.ContextInt8Bytes;
        var md = new StringBuilder();
        md.AppendLine("## Interpretability engine: traces and compressed contexts");
        md.AppendLine();
        md.AppendLine(inv, $"The decoder benchmark's synthetic config ({r.Config.NumHiddenLayers} layers, hidden {r.Config.HiddenSize}, F32) with a " +
                           $"LLaVA-1.5-shaped prompt: {r.PrefixTokens} prefix + {r.ImageTokens} image + {r.InstructionTokens} instruction tokens " +
                           $"= {promptTokens}. The prefix and instruction counts are those of `USER: ` and `\\ndescribe the image ASSISTANT:` " +
                           $"under the LLaMA SentencePiece tokenizer as estimated here (no LLaMA tokenizer ships with Mesh), BOS included. " +
                           $"{r.DecodeTokens} decode steps per run, median of {r.Runs} runs; within a run the levels take turns step by step (rotating order). Machine: {machine}.");
        md.AppendLine();
        md.AppendLine("| trace level (every layer) | decode ms/token | vs no trace | trace bytes/token |");
        md.AppendLine("| --- | ---: | ---: | ---: |");
        foreach (var t in r.Traces)
            md.AppendLine(inv, $"| {t.Level} | {t.DecodeMsPerToken:F2} | {t.DecodeMsPerToken / none.DecodeMsPerToken:F3}x | {t.TraceBytesPerToken:F0} |");
        md.AppendLine();
        md.AppendLine(inv, $"Re-prompting: a {r.QuestionTokens}-token question. Full: prefill of the {promptTokens}-token prompt then the question " +
                           $"(image features given: vision encoding, which would only widen the gap, is left out). Context: read the stored " +
                           $"F16 K = {r.K:P0} context, restore its cache, prefill the question. Both to the first answer token's logits.");
        md.AppendLine();
        md.AppendLine("| quantity | value |");
        md.AppendLine("| --- | ---: |");
        md.AppendLine(inv, $"| time to first answer token, full prompt + question | {r.FullFirstTokenMs:F1} ms |");
        md.AppendLine(inv, $"| time to first answer token, K = {r.K:P0} context | {r.ContextFirstTokenMs:F1} ms |");
        md.AppendLine(inv, $"| context tokens per layer (query + top-K image) vs prompt | {r.ContextTokens} vs {promptTokens} ({tokenRatio:F1}x fewer) |");
        md.AppendLine(inv, $"| full prompt KV cache, F16 | {r.FullPromptKvF16Bytes / 1e6:F2} MB |");
        md.AppendLine(inv, $"| context file, F16 (header, positions, checksum included) | {r.ContextF16Bytes / 1e6:F3} MB |");
        md.AppendLine(inv, $"| context file, int8 + per-channel scales | {r.ContextInt8Bytes / 1e6:F3} MB |");
        md.AppendLine();
        md.AppendLine("| target | measured | met |");
        md.AppendLine("| --- | ---: | --- |");
        md.AppendLine(inv, $"| FRACTIONS decode <= +5% vs no trace | {Stats.SignedPercent(Overhead(TraceDetail.Fractions))} | {Stats.Met(Overhead(TraceDetail.Fractions) <= 0.05)} |");
        md.AppendLine(inv, $"| IMAGE_MAPS decode <= +15% vs no trace | {Stats.SignedPercent(Overhead(TraceDetail.ImageMaps))} | {Stats.Met(Overhead(TraceDetail.ImageMaps) <= 0.15)} |");
        md.AppendLine(inv, $"| first answer token from the K = {r.K:P0} context >= 5x faster | {speedup:F1}x | {Stats.Met(speedup >= 5)} |");
        md.AppendLine(inv, $"| F16 context >= 9x smaller than the full prompt KV (F16) | {f16Ratio:F1}x | {Stats.Met(f16Ratio >= 9)} |");
        md.AppendLine(inv, $"| tokens: the paper's 8.4x | {tokenRatio:F1}x | {Stats.Met(tokenRatio >= 8.4)} |");
        md.AppendLine(inv, $"| int8 context >= 18x smaller | {int8Ratio:F1}x | {Stats.Met(int8Ratio >= 18)} |");
        return md.ToString();
    }
}
