using Mesh.Core.Decoding;
using Mesh.Shapes.Evaluation;
using Mesh.Core.Prompting;
using Mesh.Shapes.Scenes;
using Mesh.Core.Vision;
using static TorchSharp.torch;

namespace Mesh.Shapes.Training;

/// <summary>
/// Greedy answers from a model in training, for validation: the TorchSharp image encoder, the same prompt layout as
/// the served model (<see cref="ChatPrompts"/>) and the cached inference path of <see cref="Generation"/>.
/// </summary>
public sealed class TrainingResponder(ShapesVlm model, ShapesWorld world, int maxNewTokens = 64) : IShapesResponder
{
    public string Respond(Scene scene, string instruction, bool withImage)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        ImageFeatures? image = null;
        if (withImage)
        {
            var pixels = world.Preprocessor.PreprocessRgb(scene.Rgb, scene.ImageSize, scene.ImageSize);
            var features = model.Encoder.forward(tensor(pixels.Data).view(1, 3, pixels.Height, pixels.Width)); // [1, N, hidden]
            image = new ImageFeatures(features.data<float>().ToArray(), 1, (int)features.shape[1], (int)features.shape[2]);
        }
        var layout = ChatPrompts.Build(world.Tokenizer, world.Template, instruction, withImage ? ShapesVocabulary.ImageTokenId : null, world.ImageTokens);
        var embeds = PromptEmbedding.Embed(model.Decoder, layout, image);
        int eos = world.Tokenizer.EosId!.Value;
        var result = Generation.Generate(model.Decoder, embeds, new GenerationOptions { MaxNewTokens = maxNewTokens, StopTokenIds = new HashSet<int> { eos } });
        var ids = result.StopCause == StopCause.StopToken ? result.TokenIds[..^1] : result.TokenIds;
        return world.Tokenizer.Decode(ids).Trim();
    }
}
