using Mesh.Core.Scenes;
using Mesh.Core.Training;
using static TorchSharp.torch;

namespace Mesh.Core.Tests.Training;

/// <summary>The patch-word targets and their loss term (<see cref="ShapesLoss"/>).</summary>
[Collection(TrainingCollection.Name)]
public sealed class PatchWordLossTests
{
    [Fact]
    public void PatchTargetsAreTheColourAndKindWordsOfTheObjectEachPatchShows()
    {
        using var trainer = TinyTraining.Trainer(steps: 3);
        var world = trainer.World;
        var scene = world.Generator.Scene(SceneSplit.Train, 5);
        var (colours, kinds) = world.PatchWords(scene);
        var seen = ScenePatches.Seen(scene, world.PatchGrid);
        Assert.Equal(world.ImageTokens, colours.Length);
        for (int i = 0; i < seen.Length; i++)
        {
            Assert.Equal(seen[i] is null ? "none" : seen[i]!.Colour.Word(), colours[i] == ShapesWorld.NoWord ? "none" : world.Vocabulary[(int)colours[i]]);
            Assert.Equal(seen[i] is null ? "none" : seen[i]!.Kind.Word(), kinds[i] == ShapesWorld.NoWord ? "none" : world.Vocabulary[(int)kinds[i]]);
        }
        Assert.Contains(colours, c => c != ShapesWorld.NoWord);
    }

    [Fact]
    public void TheTermIsAddedWithItsWeightAndTrainingOnItLowersIt()
    {
        var options = TinyTraining.Options(steps: 40) with { PatchWordWeight = 1.0 };
        using var trainer = new ShapesTrainer(ShapesModelOptions.Tiny, options);
        var samples = trainer.World.Samples(SceneSplit.Validation, options.Mix).Samples(0, 16).ToList();
        Assert.Contains(samples, s => s.HasImage);
        using var batch = TrainingBatch.Collate(samples, trainer.World.Preprocessor, trainer.World.PadId, trainer.World.PatchWords);
        using var plain = TrainingBatch.Collate(samples, trainer.World.Preprocessor, trainer.World.PadId);
        Assert.Null(plain.PatchColours);

        double Term(double weight)
        {
            using var _ = no_grad();
            using var without = ShapesLoss.Compute(trainer.Model, batch);
            using var with = ShapesLoss.Compute(trainer.Model, batch, weight);
            return with.item<float>() - without.item<float>();
        }
        double one = Term(1.0), before = one;
        Assert.True(one > 1.0, $"an untrained model's patch-word loss is near ln(vocabulary); got {one:F4}");
        Assert.Equal(2 * one, Term(2.0), 3);
        using (var _ = no_grad())
        using (var a = ShapesLoss.Compute(trainer.Model, plain, 1.0))
        using (var b = ShapesLoss.Compute(trainer.Model, plain))
            Assert.Equal(b.item<float>(), a.item<float>()); // no targets in the batch, no term

        while (!trainer.Done) trainer.Step();
        double after = Term(1.0);
        Assert.True(after < 0.7 * before, $"40 steps with the patch-word loss took it from {before:F4} to {after:F4}");
    }
}
