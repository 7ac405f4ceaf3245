using Mesh.Core.Scenes;
using Mesh.Core.Training;
using static TorchSharp.torch;

namespace Mesh.Core.Tests.Training;

/// <summary>The patch-word targets and their loss term (<see cref="ShapesLoss"/>).</summary>
[Collection(TrainingCollection.Name)]
public sealed class PatchWordLossTests
{
    [Fact]
    public void PatchTargetsAreTheShownObjectsWordsPadForBackgroundAndNoneForSlivers()
    {
        using var trainer = TinyTraining.Trainer(steps: 3);
        var world = trainer.World;
        int objects = 0, background = 0, slivers = 0;
        for (int index = 0; index < 20; index++)
        {
            var scene = world.Generator.Scene(SceneSplit.Train, index);
            var words = world.PatchWords(scene);
            var cover = ScenePatches.Cover(scene, world.PatchGrid);
            Assert.Equal(world.ImageTokens * ShapesWorld.WordsPerPatch, words.Length);
            for (int i = 0; i < cover.Length; i++)
            {
                string[] expected = cover[i] switch
                {
                    (null, _) => ["<pad>", "<pad>", "<pad>"],
                    ({ } o, >= 0.25) => [o.Size.Word(), o.Colour.Word(), o.Kind.Word()],
                    _ => ["(none)", "(none)", "(none)"],
                };
                Assert.Equal(expected, words.Skip(3 * i).Take(3).Select(id => id == ShapesWorld.NoWord ? "(none)" : world.Vocabulary[(int)id]));
                (objects, background, slivers) = expected[0] switch
                {
                    "<pad>" => (objects, background + 1, slivers),
                    "(none)" => (objects, background, slivers + 1),
                    _ => (objects + 1, background, slivers),
                };
            }
        }
        Assert.True(objects > 0 && background > 0 && slivers > 0, $"{objects} object, {background} background and {slivers} sliver patches");
    }

    [Theory]
    [InlineData(PatchWordTarget.Readout, 1.0)]   // cross-entropy over the vocabulary starts near ln(vocabulary size)
    [InlineData(PatchWordTarget.Embedding, 0.5)] // 1 - cosine starts near 1 for unrelated vectors
    public void TheTermIsAddedWithItsWeightAndTrainingOnItLowersIt(PatchWordTarget target, double untrainedAtLeast)
    {
        var options = TinyTraining.Options(steps: 40) with { PatchWordWeight = 1.0, PatchWordTarget = target };
        using var trainer = new ShapesTrainer(ShapesModelOptions.Tiny, options);
        var samples = trainer.World.Samples(SceneSplit.Validation, options.Mix).Samples(0, 16).ToList();
        Assert.Contains(samples, s => s.HasImage);
        using var batch = TrainingBatch.Collate(samples, trainer.World.Preprocessor, trainer.World.PadId, trainer.World.PatchWords);
        using var plain = TrainingBatch.Collate(samples, trainer.World.Preprocessor, trainer.World.PadId);
        Assert.Null(plain.PatchWords);

        double Term(TrainingBatch b, double weight)
        {
            using var _ = no_grad();
            using var without = ShapesLoss.Compute(trainer.Model, b);
            using var with = ShapesLoss.Compute(trainer.Model, b, weight, target);
            return with.item<float>() - without.item<float>();
        }
        double before = Term(batch, 1.0);
        Assert.True(before > untrainedAtLeast, $"an untrained model's {target} term is {before:F4}");
        Assert.Equal(2 * before, Term(batch, 2.0), 3);
        Assert.Equal(0.0, Term(plain, 1.0)); // no targets in the batch, no term

        while (!trainer.Done) trainer.Step();
        double after = Term(batch, 1.0);
        Assert.True(after < 0.7 * before, $"40 steps with the {target} patch-word loss took it from {before:F4} to {after:F4}");
    }
}
