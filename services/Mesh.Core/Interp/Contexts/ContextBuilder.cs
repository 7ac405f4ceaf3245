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
    /// the recipe's contents keep. Returns the context, its info made from <paramref name="origin"/>, the recipe and
    /// the description, and the description.
    /// </summary>
    public static (CompressedContext Context, GenerationResult Description) Build(
        LlamaForCausalLM model, Tensor inputsEmbeds, ContextOrigin origin, ContextRecipe recipe,
        GenerationOptions describe, CancellationToken cancellationToken = default)
    {
        var (groups, selection) = (recipe.Groups, recipe.Selection);
        int promptLength = (int)groups.PromptLength;
        if (inputsEmbeds.shape[1] != promptLength)
            throw new ArgumentException($"prompt embeddings have {inputsEmbeds.shape[1]} rows but the recipe's prompt has {promptLength}");
        var scoring = new SelectionScoring(selection, groups, model.Config.NumHiddenLayers, inputsEmbeds);
        using var cache = model.NewCache(promptLength + describe.MaxNewTokens);
        var description = Generation.Continue(model, inputsEmbeds, cache, describe, scoring.Hooks, cancellationToken: cancellationToken);
        var info = new ContextInfo(origin.ModelId, origin.ImageSha256, origin.Prompt, selection.K, selection.Method,
                                   promptLength, (int)groups.ImageStart, (int)groups.ImageEnd, description.TokenIds);
        var context = CompressedContext.FromCache(cache, info, scoring.Select(), recipe.Contents);
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
