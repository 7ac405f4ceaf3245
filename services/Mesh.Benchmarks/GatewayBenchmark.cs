using System.Diagnostics;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Mesh.Contracts.Decoder.V1;
using Mesh.Judging;

namespace Mesh.Benchmarks;

public sealed record StreamTiming(double TokensPerSecond, double MsPerToken);

public sealed record GatewayBenchResult(
    string Direct, string Gateway, int Tokens, int Runs, int UnaryCalls,
    StreamTiming DirectStream, StreamTiming GatewayStream,
    (double P50, double P99) DirectUnaryMs, (double P50, double P99) GatewayUnaryMs);

/// <summary>
/// What the gateway costs: the same streamed generation and the same unary call (GetModelInfo) straight to
/// the decoder and through the gateway, interleaved run by run so machine noise falls on both alike.
/// </summary>
public static class GatewayBenchmark
{
    public static async Task<GatewayBenchResult> RunAsync(string direct, string gateway, GenerateRequest request, int runs, int unaryCalls,
                                                          Action<string> progress, CancellationToken cancellationToken)
    {
        using var directChannel = GrpcChannel.ForAddress(direct);
        using var gatewayChannel = GrpcChannel.ForAddress(gateway);
        var clients = new[] { new Decoder.DecoderClient(directChannel), new Decoder.DecoderClient(gatewayChannel) };
        var streams = new[] { new List<(double Rate, double Gap)>(), new List<(double Rate, double Gap)>() };
        for (int run = -1; run < runs; run++)                      // run -1 warms both paths up
            for (int path = 0; path < 2; path++)
            {
                progress($"{(run < 0 ? "warm-up" : $"run {run + 1}/{runs}")}: stream {(path == 0 ? "direct" : "through the gateway")}");
                var timing = await StreamAsync(clients[path], request, cancellationToken);
                if (run >= 0) streams[path].Add(timing);
            }
        var unary = new[] { new List<double>(), new List<double>() };
        for (int call = 0; call < unaryCalls; call++)
        {
            if (call % 100 == 0) progress($"unary calls {call}/{unaryCalls}");
            for (int path = 0; path < 2; path++)
            {
                long start = Stopwatch.GetTimestamp();
                await clients[path].GetModelInfoAsync(new GetModelInfoRequest(), cancellationToken: cancellationToken);
                unary[path].Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }
        int tokens = request.Sampling.MaxTokens;
        return new GatewayBenchResult(direct, gateway, tokens, runs, unaryCalls,
            Summary(streams[0]), Summary(streams[1]), Percentiles(unary[0]), Percentiles(unary[1]));
    }

    /// <summary>
    /// Tokens per second over the whole call (request to last token), and milliseconds per token over the same span.
    /// Measured from the request, not between arrivals: HTTP/2 coalesces small frames, so tokens often arrive in bursts.
    /// </summary>
    static async Task<(double Rate, double Gap)> StreamAsync(Decoder.DecoderClient client, GenerateRequest request, CancellationToken cancellationToken)
    {
        using var call = client.Generate(request, cancellationToken: cancellationToken);
        var arrivals = new List<double>();
        long start = Stopwatch.GetTimestamp();
        await foreach (var e in call.ResponseStream.ReadAllAsync(cancellationToken))
            if (e.EventCase == GenerateEvent.EventOneofCase.Token) arrivals.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        if (arrivals.Count < 3) throw new InvalidOperationException($"the stream gave {arrivals.Count} tokens; the benchmark needs at least 3 (a stop token came early?)");
        return (arrivals.Count / (arrivals[^1] / 1000), arrivals[^1] / arrivals.Count);
    }

    static StreamTiming Summary(List<(double Rate, double Gap)> runs) =>
        new(Median.Of(runs.Select(r => r.Rate)), Median.Of(runs.Select(r => r.Gap)));

    static (double, double) Percentiles(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return (sorted[(int)(0.50 * (sorted.Length - 1))], sorted[(int)(0.99 * (sorted.Length - 1))]);
    }

    public static GenerateRequest Request(byte[] image, string prompt, bool verbatim, int tokens) => new()
    {
        ImageBytes = ByteString.CopyFrom(image),
        Prompt = new Prompt { Text = prompt, Verbatim = verbatim },
        // No stop tokens beyond the model's own: the benchmark needs the full count, so prompts should not end early.
        Sampling = new SamplingParams { MaxTokens = tokens },
    };
}
