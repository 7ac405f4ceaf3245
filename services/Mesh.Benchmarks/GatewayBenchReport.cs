using System.Globalization;
using System.Text;

namespace Mesh.Benchmarks;

/// <summary>The gateway benchmark as markdown, judged against the mesh's target (at most 10% of streaming throughput).</summary>
public static class GatewayBenchReport
{
    public const double ThroughputCostTarget = 0.10;

    public static string Markdown(GatewayBenchResult r, string model, string machine)
    {
        var inv = CultureInfo.InvariantCulture;
        double cost = 1 - r.GatewayStream.TokensPerSecond / r.DirectStream.TokensPerSecond;
        var md = new StringBuilder();
        md.AppendLine("## Gateway: streaming and unary overhead");
        md.AppendLine();
        md.AppendLine(inv, $"`mesh up` on loopback, model {model}: the same greedy generation (at most {r.Tokens} tokens; the model's stop token may end it sooner) streamed straight to the decoder " +
                           $"({r.Direct}) and through the YARP gateway ({r.Gateway}), {r.Runs} runs each, interleaved; then {r.UnaryCalls} " +
                           $"GetModelInfo calls each way, interleaved. Machine: {machine}.");
        md.AppendLine();
        md.AppendLine("| path | stream tokens/s (median, request to last token) | ms per token (median) | unary p50 ms | unary p99 ms |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: |");
        md.AppendLine(inv, $"| direct to the decoder | {r.DirectStream.TokensPerSecond:F1} | {r.DirectStream.MsPerToken:F2} | {r.DirectUnaryMs.P50:F3} | {r.DirectUnaryMs.P99:F3} |");
        md.AppendLine(inv, $"| through the gateway | {r.GatewayStream.TokensPerSecond:F1} | {r.GatewayStream.MsPerToken:F2} | {r.GatewayUnaryMs.P50:F3} | {r.GatewayUnaryMs.P99:F3} |");
        md.AppendLine();
        md.AppendLine("| target | measured | met |");
        md.AppendLine("| --- | ---: | --- |");
        md.AppendLine(inv, $"| gateway costs <= {ThroughputCostTarget:P0} of streaming throughput | {cost:P1} | {Stats.Met(cost <= ThroughputCostTarget)} |");
        md.AppendLine(inv, $"| unary overhead added by the gateway (p50 / p99) | {r.GatewayUnaryMs.P50 - r.DirectUnaryMs.P50:F3} / {r.GatewayUnaryMs.P99 - r.DirectUnaryMs.P99:F3} ms | (reported) |");
        return md.ToString();
    }
}
