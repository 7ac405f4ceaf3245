using Mesh.Core.Nn;
using static TorchSharp.torch;

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

    public static void Load(LlamaForCausalLM model, Checkpoint checkpoint, string prefix)
    {
        using var noGrad = no_grad();
        foreach (var (name, parameter) in model.named_parameters())
        {
            string key = prefix + name;
            if (!checkpoint.Contains(key))
                throw new ModelLoadException($"{checkpoint.Path}: missing tensor '{key}' (shape [{string.Join(", ", parameter.shape)}])");
            var stored = checkpoint.Info(key).Shape;
            if (!stored.SequenceEqual(parameter.shape))
                throw new ModelLoadException($"{checkpoint.Path}: tensor '{key}' has shape [{string.Join(", ", stored)}], " +
                                             $"the config needs [{string.Join(", ", parameter.shape)}]");
            using var value = checkpoint.LoadTensor(key, model.DType);
            parameter.copy_(value);
            parameter.requires_grad = false;
        }
    }
}
