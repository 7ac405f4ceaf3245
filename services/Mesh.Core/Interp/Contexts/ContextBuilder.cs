using Mesh.Core.Decoding;
using Mesh.Core.Nn;
using static TorchSharp.torch;

namespace Mesh.Core.Interp.Contexts;

/// <summary>
/// Builds compressed contexts (docs/paper.md section 7, steps 1-2) and answers questions from them (step 3).
/// The image is encoded once, in the describe pass; answering never sees it.
/// </summary>
public static class ContextBuilder
{
    /// <summary>
    /// The describe pass over <paramref name="inputsEmbeds"/> (the prompt with the image) with the scorer the
    /// recipe's selection needs, then the kept slots per layer: the selected image tokens and the text positions
    /// the recipe's contents keep. Returns the context and the description.
    /// </summary>
    public static (CompressedContext Context, GenerationResult Description) Build(
        LlamaForCausalLM model, Tensor inputsEmbeds, ContextInfo info, ContextRecipe recipe,
        GenerationOptions describe, CancellationToken cancellationToken = default)
    {
        var groups = info.Groups;
        var selection = recipe.Selection;
        if (inputsEmbeds.shape[1] != info.PromptLength)
            throw new ArgumentException($"prompt embeddings have {inputsEmbeds.shape[1]} rows but the context info says {info.PromptLength}");
        var scoring = new SelectionScoring(selection, groups, model.Config.NumHiddenLayers, inputsEmbeds);
        using var cache = model.NewCache(info.PromptLength + describe.MaxNewTokens);
        var description = Generation.Continue(model, inputsEmbeds, cache, describe, scoring.Hooks, cancellationToken: cancellationToken);
        var kept = scoring.Select();
        var context = CompressedContext.FromCache(cache, info with { K = selection.K, Method = selection.Method, DescriptionTokens = description.TokenIds },
                                                 kept, recipe.Contents);
        return (context, description);
    }

    /// <summary>
    /// Answers from <paramref name="context"/>: <paramref name="questionEmbeds"/> [1, Q, hidden] go at the positions after the
    /// prompt, then decoding as <paramref name="options"/> say, each token and its traces to <paramref name="traced"/>
    /// (none by default; traces read the context's token groups).
    /// </summary>
    public static GenerationResult Answer(LlamaForCausalLM model, CompressedContext context, Tensor questionEmbeds,
                                          GenerationOptions options, TracedGeneration? traced = null, CancellationToken cancellationToken = default)
    {
        using var cache = context.OpenCache(model, (int)questionEmbeds.shape[1] + options.MaxNewTokens);
        return (traced ?? TracedGeneration.Untraced()).Continue(model, questionEmbeds, cache, options, cancellationToken: cancellationToken);
    }
}
