using Mesh.Core.Nn;

namespace Mesh.Core.Loading;

/// <summary>
/// Fills a <see cref="LlamaForCausalLM"/> from a checkpoint whose names follow Hugging Face: LLaVA's
/// <c>language_model.model.layers.{i}...</c> or a text-only model's <c>model.layers.{i}...</c>.
/// Every parameter must be present with its exact shape; a tied head reuses the embeddings.
/// </summary>
public static class DecoderWeights
{
    public const string LlavaPrefix = "language_model.";

    /// <summary>The prefix under which <paramref name="checkpoint"/> stores the decoder.</summary>
    public static string DetectPrefix(Checkpoint checkpoint)
    {
        if (checkpoint.Contains(LlavaPrefix + "model.embed_tokens.weight")) return LlavaPrefix;
        if (checkpoint.Contains("model.embed_tokens.weight")) return "";
        throw new ModelLoadException(
            $"{checkpoint.Path}: no decoder found: expected '{LlavaPrefix}model.embed_tokens.weight' (LLaVA) or 'model.embed_tokens.weight'");
    }

    public static void Load(LlamaForCausalLM model, Checkpoint checkpoint, string prefix) =>
        ModuleWeights.Load(model, checkpoint, prefix, trainable: false);
}
