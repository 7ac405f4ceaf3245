using Mesh.Shapes.Evaluation;
using Mesh.Core.Loading;
using Mesh.Shapes.Scenes;

namespace Mesh.Shapes.Tests.Training;

/// <summary>
/// The committed default model (models/shapes-vlm) re-measured on test scenes 0..39 through the served path. The
/// floors are the model card's figures on the whole test split (models/shapes-vlm/README.md) minus
/// <see cref="Margin"/>, which covers the sampling spread of 40 scenes (200 questions).
/// </summary>
[Collection(TrainingCollection.Name)]
public sealed class ShippedModelTests
{
    const int Scenes = 40;
    const double Margin = 0.05;
    // Model card, test split (1000 scenes).
    const double CardDescriptionF1 = 1.000, CardVqa = 0.927;

    static string Directory => Path.Combine(TestPaths.RepoRoot, "models", "shapes-vlm");

    [Fact]
    public void QualityOnAFixedTestSubsetStaysAtTheModelCardsFigures()
    {
        using var model = VisionLanguageModel.Load(Directory);
        var scenes = new SceneGenerator(new SceneOptions { ImageSize = model.Config.Vision!.ImageSize });
        var result = ShapesEvaluator.Evaluate(new ModelResponder(model), scenes, SceneSplit.Test, 0, Scenes, textOnly: false);
        Assert.True(result.Objects.F1 >= CardDescriptionF1 - Margin, $"description object F1 {result.Objects.F1:F3} < {CardDescriptionF1} - {Margin}");
        Assert.True(result.VqaOverall.Value >= CardVqa - Margin, $"VQA accuracy {result.VqaOverall} < {CardVqa} - {Margin}");
    }

    [Fact]
    public void TheShippedModelIsTheDocumentedArchitecture()
    {
        var config = ModelConfig.Load(Directory);
        Assert.Equal("llava", config.ModelType);
        Assert.True(config.Text.NumHiddenLayers >= 8);
        Assert.True(config.Text.NumKeyValueHeads < config.Text.NumAttentionHeads);
        Assert.Equal(64, config.ImageSeqLength);
        Assert.Equal(ShapesVocabulary.ImageTokenId, config.ImageTokenIndex);
        Assert.True(File.Exists(Path.Combine(Directory, "image.png")), "mesh generate's default image is missing");
    }
}
