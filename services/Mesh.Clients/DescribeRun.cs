using Grpc.Core;
using Mesh.Contracts.Decoder.V1;

namespace Mesh.Clients;

/// <summary>What one streamed description carried: the prompt layout, tokens, per-token layer traces and the summary.</summary>
public sealed class DescribeRun
{
    public PromptEvent? Prompt { get; private set; }
    public List<TokenEvent> Tokens { get; } = [];
    /// <summary>Layer traces by token index.</summary>
    public Dictionary<int, LayerTraces> Traces { get; } = [];
    public GenerateSummary? Summary { get; private set; }

    public string Text => Summary?.Text ?? string.Concat(Tokens.Select(t => t.Text));

    /// <summary>Reads every event of <paramref name="call"/>, handing each token to <paramref name="onToken"/> as it arrives.</summary>
    public static async Task<DescribeRun> ReadAsync(AsyncServerStreamingCall<GenerateEvent> call, Action<TokenEvent>? onToken,
                                                    CancellationToken cancellationToken)
    {
        var run = new DescribeRun();
        await foreach (var e in call.ResponseStream.ReadAllAsync(cancellationToken))
        {
            switch (e.EventCase)
            {
                case GenerateEvent.EventOneofCase.Prompt: run.Prompt = e.Prompt; break;
                case GenerateEvent.EventOneofCase.Token: run.Tokens.Add(e.Token); onToken?.Invoke(e.Token); break;
                case GenerateEvent.EventOneofCase.Traces: run.Traces[e.Traces.TokenIndex] = e.Traces; break;
                case GenerateEvent.EventOneofCase.Summary: run.Summary = e.Summary; break;
            }
        }
        return run;
    }
}
