using Mesh.Core.Loading;
using static TorchSharp.torch;

namespace Mesh.Core.Vision.Clip;

/// <summary>
/// Fills a <see cref="LlavaImageEncoder"/> from a Hugging Face LLaVA checkpoint: the layout of transformers
/// before 4.52 (<c>vision_tower.*</c>, <c>multi_modal_projector.*</c>, what llava-hf checkpoints use) or the
/// later one that nests both under <c>model.</c>. Every parameter must be present with its exact shape.
/// </summary>
public static class LlavaImageEncoderWeights
{
    const string Probe = "vision_tower.vision_model.embeddings.class_embedding";

    /// <summary>The prefix before <c>vision_tower.</c> in <paramref name="checkpoint"/>: "" or "model.".</summary>
    public static string DetectPrefix(Checkpoint checkpoint)
    {
        foreach (var prefix in new[] { "", "model." })
            if (checkpoint.Contains(prefix + Probe)) return prefix;
        throw new ModelLoadException($"{checkpoint.Path}: no CLIP vision tower found: expected '{Probe}' or 'model.{Probe}'");
    }

    /// <param name="trainable">Keep <c>requires_grad</c> on every parameter (true for training, false to freeze).</param>
    public static void Load(LlavaImageEncoder encoder, Checkpoint checkpoint, bool trainable = true) =>
        ModuleWeights.Load(encoder, checkpoint, DetectPrefix(checkpoint), trainable);

    /// <summary>The tower and projector of a Hugging Face LLaVA folder (config.json and its safetensors).</summary>
    public static LlavaImageEncoder Load(string directory, ModelLoadOptions? options = null, bool trainable = true)
    {
        options ??= new ModelLoadOptions();
        var config = ModelConfig.Load(directory);
        var device = ModelLoadOptions.ResolveTorchDevice(options.Device);
        var encoder = new LlavaImageEncoder(config, options.DType ?? float32, device);
        try
        {
            using var checkpoint = Checkpoint.Open(directory);
            Load(encoder, checkpoint, trainable);
            return encoder;
        }
        catch
        {
            encoder.Dispose();
            throw;
        }
    }
}
