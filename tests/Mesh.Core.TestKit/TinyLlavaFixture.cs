using Mesh.Core.Loading;
using Mesh.Core.Prompting;
using Mesh.Core.Vision;
using static TorchSharp.torch;

namespace Mesh.Core.TestKit;

/// <summary>
/// The tiny-llava parity model (tests/fixtures/tiny-llava, random weights, produced by Hugging Face
/// transformers), loaded once per test class, with its reference tensors.
/// </summary>
public sealed class TinyLlavaFixture : IDisposable
{
    public const int GeneratedTokens = 12;

    public TinyLlavaFixture()
    {
        Model = VisionLanguageModel.Load(TestPaths.TinyLlava, new ModelLoadOptions { Device = ExecutionDevice.Cpu });
        InputIds = Reference.ReadI64(ReferenceFile, "input_ids");
        Layout = ImageTokenExpansion.Expand(InputIds, Model.Config.ImageTokenIndex!.Value, Model.Config.ImageSeqLength);
        var features = Reference.ReadF32(ReferenceFile, "image_features");
        ImageFeatures = new ImageFeatures(features, 1, Model.Config.ImageSeqLength, Model.Config.Text.HiddenSize);
    }

    public static string ReferenceFile => Path.Combine(TestPaths.TinyLlava, "reference.safetensors");
    public static string KnockoutFile => Path.Combine(TestPaths.TinyLlava, "knockout.safetensors");

    public VisionLanguageModel Model { get; }
    public long[] InputIds { get; }
    public PromptLayout Layout { get; }
    /// <summary>The reference projector output for the fixture image.</summary>
    public ImageFeatures ImageFeatures { get; }

    /// <summary>The prompt's input embeddings [1, 26, 64] built from the reference image features.</summary>
    public Tensor Embeds() => Model.EmbedPrompt(Layout, ImageFeatures);

    public void Dispose() => Model.Dispose();
}
