using Mesh.Core.Decoding;
using Mesh.Core.Loading;
using Mesh.Shapes.Scenes;

namespace Mesh.Shapes.Evaluation;

/// <summary>
/// Greedy answers from a loaded model directory, through the served path: the scene's PNG through the
/// preprocessor and vision.onnx, the chat-templated prompt, and <see cref="Generation"/> with the KV cache.
/// </summary>
public sealed class ModelResponder(VisionLanguageModel model, int maxNewTokens = 64) : IShapesResponder
{
    public string Respond(Scene scene, string instruction, bool withImage)
    {
        var image = withImage ? model.EncodeImage(scene.EncodePng()) : null;
        var layout = model.BuildPrompt(instruction, withImage);
        using var embeds = model.EmbedPrompt(layout, image);
        var result = Generation.Generate(model.Decoder, embeds, new GenerationOptions { MaxNewTokens = maxNewTokens, StopTokenIds = model.StopTokenIds });
        var ids = result.StopCause == StopCause.StopToken ? result.TokenIds[..^1] : result.TokenIds;
        return model.Tokenizer.Decode(ids).Trim();
    }
}
