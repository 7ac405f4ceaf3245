using Mesh.Shapes.Evaluation;
using Mesh.Core.Loading;
using Mesh.Shapes.Scenes;
using Mesh.Shapes.Training;
using static TorchSharp.torch;

namespace Mesh.Shapes.Tests.Training;

/// <summary>The written model directory loads with the ordinary loader and answers as the trained weights do.</summary>
[Collection(TrainingCollection.Name)]
public sealed class ShapesModelWriterTests : IDisposable
{
    readonly TempDirectory _folder = new();
    readonly ShapesTrainer _trainer = TinyTraining.Trainer(steps: 5);

    public ShapesModelWriterTests()
    {
        while (!_trainer.Done) _trainer.Step();
        _trainer.WriteModel(_folder.Path);
    }

    [Fact]
    public void TheDirectoryHoldsEveryFileAndAGroupedQueryLlavaConfig()
    {
        foreach (var file in new[] { "config.json", "model.safetensors", "vision.onnx", "preprocessor_config.json", "tokenizer.json", "tokenizer_config.json" })
            Assert.True(File.Exists(_folder.File(file)), $"{file} was not written");
        var config = ModelConfig.Load(_folder.Path);
        Assert.Equal("llava", config.ModelType);
        Assert.True(config.Text.NumKeyValueHeads < config.Text.NumAttentionHeads);
        Assert.Equal(ShapesVocabulary.ImageTokenId, config.ImageTokenIndex);
        Assert.Equal(ShapesModelOptions.Tiny.ImageTokens, config.ImageSeqLength);
        Assert.Equal(_trainer.World.Vocabulary.Count, config.Text.VocabSize);
        Assert.Equal(5, config.Mesh!["training"]!["steps"]!.GetValue<int>());
        Assert.Equal(0.4, config.Mesh!["training"]!["mix"]!["question"]!.GetValue<double>());
        Assert.Equal(["description", "question", "follow_up", "text_only", "conversation"],
                     config.Mesh!["training"]!["mix"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void TheLoadedModelAnswersAsTheTrainingModelDoes() => TinyTraining.AssertServedAnswersAsTrained(_trainer, _folder.Path);

    [Fact]
    public void VisionOnnxGivesTheTowersImageFeatures()
    {
        using var model = VisionLanguageModel.Load(_folder.Path);
        var png = _trainer.World.Generator.Scene(SceneSplit.Test, 0).EncodePng();
        var served = model.EncodeImage(png).Data;
        var pixels = _trainer.World.Preprocessor.Preprocess(png);
        using var noGrad = no_grad();
        using var features = _trainer.Model.Encoder.forward(tensor(pixels.Data).view(1, 3, pixels.Height, pixels.Width));
        Reference.AssertClose(features.data<float>().ToArray(), served, 1e-4f, "image features, torch vs vision.onnx");
    }

    public void Dispose()
    {
        _trainer.Dispose();
        _folder.Dispose();
    }
}
