using Mesh.Core.Decoding;
using Mesh.Core.Nn;
using static TorchSharp.torch;

namespace Mesh.Core.Interp;

/// <summary>
/// Generation with traces, "token, then its traces": each chosen token goes to <c>onToken</c>, then the traces of
/// the step that chose it to the sink. The one place that is wired; Generate (<see cref="InterpGeneration"/>), Ask
/// (<see cref="Contexts.ContextBuilder.Answer"/>) and the interpretability benchmark run through it. Interventions
/// (knockouts, masks, scorers) run beside the recorder.
/// </summary>
public sealed class TracedGeneration
{
    readonly TraceRecorder? _recorder;
    readonly Action<GeneratedToken>? _onToken;

    /// <summary>Traces at <paramref name="trace"/>'s detail go to <paramref name="sink"/> (none without a sink or at <see cref="TraceDetail.None"/>).</summary>
    public TracedGeneration(TraceRequest trace, TokenGroups groups, ImageGrid grid, ITraceSink? sink, Action<GeneratedToken>? onToken = null)
    {
        _recorder = trace.IsEnabled && sink is not null ? new TraceRecorder(trace, groups, grid, sink) : null;
        _onToken = onToken;
    }

    TracedGeneration(Action<GeneratedToken>? onToken) => _onToken = onToken;

    /// <summary>No traces: each token goes to <paramref name="onToken"/> alone.</summary>
    public static TracedGeneration Untraced(Action<GeneratedToken>? onToken = null) => new(onToken);

    /// <summary>Generates from <paramref name="inputsEmbeds"/> [1, T, hidden] in a fresh cache (see <see cref="Generation.Generate"/>).</summary>
    public GenerationResult Generate(LlamaForCausalLM model, Tensor inputsEmbeds, GenerationOptions options, IForwardHooks? interventions = null,
                                     CancellationToken cancellationToken = default) =>
        Generation.Generate(model, inputsEmbeds, options, Hooks(interventions), OnToken, cancellationToken);

    /// <summary>Generates after what <paramref name="cache"/> holds (a stored context, say; see <see cref="Generation.Continue"/>).</summary>
    public GenerationResult Continue(LlamaForCausalLM model, Tensor inputsEmbeds, KvCache cache, GenerationOptions options,
                                     IForwardHooks? interventions = null, CancellationToken cancellationToken = default) =>
        Generation.Continue(model, inputsEmbeds, cache, options, Hooks(interventions), OnToken, cancellationToken);

    /// <summary>As <see cref="Continue"/>, a token at a time: the prompt and the first token now, each later one on <see cref="TokenLoop.Next"/>.</summary>
    public TokenLoop Start(LlamaForCausalLM model, Tensor inputsEmbeds, KvCache cache, GenerationOptions options, IForwardHooks? interventions = null)
    {
        var loop = new TokenLoop(model, cache, options, Hooks(interventions), OnToken);
        loop.Prefill(inputsEmbeds);
        return loop;
    }

    IForwardHooks? Hooks(IForwardHooks? interventions) => CompositeHooks.Of(interventions, _recorder);

    void OnToken(GeneratedToken token)
    {
        _onToken?.Invoke(token);
        _recorder?.Emit(token.Index, token.TokenId);
    }
}
