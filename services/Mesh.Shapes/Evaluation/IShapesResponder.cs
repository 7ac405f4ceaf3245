using Mesh.Shapes.Scenes;

namespace Mesh.Shapes.Evaluation;

/// <summary>Something that answers an instruction about a scene with greedy decoding: a loaded model or one in training.</summary>
public interface IShapesResponder
{
    /// <summary>
    /// The generated text (stop token excluded) for <paramref name="instruction"/>, framed by the chat template, with
    /// the scene's image when <paramref name="withImage"/> (without it the instruction must carry what the model needs).
    /// </summary>
    string Respond(Scene scene, string instruction, bool withImage);
}
