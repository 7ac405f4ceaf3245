using System.Globalization;
using System.Text;

namespace Mesh.Benchmarks;

/// <summary>The decoder benchmark as markdown, judged against the targets of the model-core work.</summary>
public static class DecoderBenchReport
{
    public const double RooflineTarget = 0.60;
    public const double KeepProbabilitiesOverheadTarget = 0.15;

    public static string Markdown(DecoderBenchResult r, string machine)
    {
        var inv = CultureInfo.InvariantCulture;
        var fused = r.Paths.Single(p => p.Path == BenchPath.Fused);
        var keep = r.Paths.Single(p => p.Path == BenchPath.EagerKeepProbabilities);
        double rooflineTokensPerSecond = r.CopyBytesPerSecond / r.WeightBytesPerToken;
        double ofRoofline = fused.DecodeTokensPerSecond / rooflineTokensPerSecond;
        double keepOverhead = keep.DecodeMsPerToken / fused.DecodeMsPerToken - 1;
        var c = r.Config;
        var md = new StringBuilder();
        md.AppendLine("## Decoder: prefill and decode (model core)");
        md.AppendLine();
        md.AppendLine(inv, $"Synthetic LLaMA config, seeded random F32 weights: hidden {c.HiddenSize}, {c.NumHiddenLayers} layers, " +
                           $"{c.NumAttentionHeads} heads, MLP {c.IntermediateSize}, vocab {c.VocabSize}, tied head: " +
                           $"{r.Parameters / 1e6:F1}M parameters. Prompt {r.PromptTokens} tokens, then {r.DecodeTokens} decode steps " +
                           $"at batch 1; median of {r.Runs} runs; within a run the paths' decode steps take turns step by step (rotating order). Machine: {machine}.");
        md.AppendLine();
        md.AppendLine("| path | prefill tokens/s | decode tokens/s | decode ms/token | vs fused (per token) |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var p in r.Paths)
            md.AppendLine(inv, $"| {Name(p.Path)} | {p.PrefillTokensPerSecond:F0} | {p.DecodeTokensPerSecond:F2} | {p.DecodeMsPerToken:F2} | {p.DecodeMsPerToken / fused.DecodeMsPerToken:F3}x |");
        md.AppendLine();
        md.AppendLine("Roofline: every decode step reads every weight once.");
        md.AppendLine();
        md.AppendLine("| quantity | value |");
        md.AppendLine("| --- | ---: |");
        md.AppendLine(inv, $"| memory copy bandwidth (STREAM-style, read + write, 512 MiB buffer) | {r.CopyBytesPerSecond / 1e9:F2} GB/s |");
        md.AppendLine(inv, $"| weight bytes read per token | {r.WeightBytesPerToken / 1e6:F1} MB |");
        md.AppendLine(inv, $"| KV cache bytes read per token at {r.PromptTokens} tokens (not in the roofline) | {r.KvBytesReadAtPrompt / 1e6:F1} MB |");
        md.AppendLine(inv, $"| roofline decode (bandwidth / weight bytes) | {rooflineTokensPerSecond:F2} tokens/s |");
        md.AppendLine();
        md.AppendLine("| target | measured | met |");
        md.AppendLine("| --- | ---: | --- |");
        md.AppendLine(inv, $"| fused decode >= {RooflineTarget:P0} of roofline | {ofRoofline:P1} | {Stats.Met(ofRoofline >= RooflineTarget)} |");
        md.AppendLine(inv, $"| eager with probabilities kept <= +{KeepProbabilitiesOverheadTarget:P0} per token vs fused | {Stats.SignedPercent(keepOverhead)} | {Stats.Met(keepOverhead <= KeepProbabilitiesOverheadTarget)} |");
        return md.ToString();
    }

    static string Name(BenchPath path) => path switch
    {
        BenchPath.Fused => "fused (scaled_dot_product_attention)",
        BenchPath.Eager => "eager",
        _ => "eager, every layer's probabilities kept",
    };
}
