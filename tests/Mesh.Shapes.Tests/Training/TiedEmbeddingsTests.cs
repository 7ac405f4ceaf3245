using Mesh.Core.Loading;
using Mesh.Shapes.Training;

namespace Mesh.Shapes.Tests.Training;

/// <summary>A model trained with <see cref="ShapesModelOptions.TieWordEmbeddings"/> writes, loads and answers as trained.</summary>
[Collection(TrainingCollection.Name)]
public sealed class TiedEmbeddingsTests
{
    static readonly ShapesModelOptions Tied = ShapesModelOptions.Tiny with { TieWordEmbeddings = true };

    [Fact]
    public void TheLmHeadIsTheEmbeddingTableStartedAtUnitScaleLogits()
    {
        using var trainer = new ShapesTrainer(Tied, TinyTraining.Options(steps: 3));
        Assert.Null(trainer.Model.Decoder.lm_head);
        Assert.DoesNotContain(trainer.Model.NamedParameters(), p => p.Name.Contains("lm_head"));
        var table = trainer.Model.Decoder.model.embed_tokens.weight!;
        double std = table.std().item<float>(), expected = 1 / Math.Sqrt(Tied.TextHidden);
        Assert.InRange(std, expected * 0.8, expected * 1.2);
        using var untied = new ShapesTrainer(ShapesModelOptions.Tiny, TinyTraining.Options(steps: 3));
        Assert.InRange(untied.Model.Decoder.model.embed_tokens.weight!.std().item<float>(), 0.8, 1.2); // torch's N(0, 1) stays when untied
    }

    [Fact]
    public void TheWrittenTiedModelLoadsAndAnswersAsTheTrainingModelDoes()
    {
        using var folder = new TempDirectory();
        using var trainer = new ShapesTrainer(Tied, TinyTraining.Options(steps: 4));
        while (!trainer.Done) trainer.Step();
        trainer.WriteModel(folder.Path);

        var config = ModelConfig.Load(folder.Path);
        Assert.True(config.Text.TieWordEmbeddings);
        using (var checkpoint = Checkpoint.Open(folder.File("model.safetensors")))
            Assert.DoesNotContain(checkpoint.Names, name => name.Contains("lm_head"));
        TinyTraining.AssertServedAnswersAsTrained(trainer, folder.Path);
    }
}
