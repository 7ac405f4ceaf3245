using Mesh.Core.Decoding;
using Mesh.Core.Nn;
using static TorchSharp.torch;

namespace Mesh.Core.Interp;

/// <summary>What an interpretability run produced besides the tokens.</summary>
public sealed record InterpResult(GenerationResult Generation, ImageSelection? Selection);

/// <summary>
/// Generation with knockouts, traces and masked generation, composed from the Interp hooks: the one
/// implementation the decoder service, the experiments and the tests share.
/// </summary>
public static class InterpGeneration
{
    /// <summary>
    /// Generates from <paramref name="inputsEmbeds"/> [1, T, hidden]; each token goes to <paramref name="onToken"/> and then
    /// its traces to <paramref name="sink"/>. Attention-ranked masked generation first runs an unmasked scoring pass.
    /// </summary>
    public static InterpResult Run(LlamaForCausalLM model, Tensor inputsEmbeds, ImageGrid grid,
                                   GenerationOptions generation, InterpOptions options, ITraceSink? sink = null,
                                   Action<GeneratedToken>? onToken = null, CancellationToken cancellationToken = default)
    {
        int layers = model.Config.NumHiddenLayers;
        var groups = options.Groups;
        var knockout = options.Knockout.IsEmpty ? null : new KnockoutHooks(options.Knockout, groups);

        SelectionScoring? scoring = null;
        SelectionMaskHooks? masking = null;
        if (options.Selection is { } request)
        {
            scoring = new SelectionScoring(request, groups, layers, inputsEmbeds);
            if (request.NeedsGeneration)
            {
                Generation.Generate(model, inputsEmbeds, generation, CompositeHooks.Of(knockout, scoring.Hooks),
                                    cancellationToken: cancellationToken);
                var scored = scoring.Select();
                masking = new SelectionMaskHooks(scored, groups);
                scoring = null;
            }
            else masking = new SelectionMaskHooks(scoring.Select, groups);
        }

        var traced = new TracedGeneration(options.Trace, groups, grid, sink, onToken);
        var result = traced.Generate(model, inputsEmbeds, generation, CompositeHooks.Of(knockout, scoring?.Hooks, masking), cancellationToken);
        return new InterpResult(result, masking?.Selection ?? (options.Selection is null ? null : scoring?.Select()));
    }
}
