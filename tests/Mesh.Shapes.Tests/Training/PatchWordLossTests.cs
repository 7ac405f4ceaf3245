using Mesh.Shapes.Scenes;
using Mesh.Shapes.Training;
using static TorchSharp.torch;

namespace Mesh.Shapes.Tests.Training;

/// <summary>The patch-word targets and their loss term (<see cref="ShapesLoss"/>).</summary>
[Collection(TrainingCollection.Name)]
public sealed class PatchWordLossTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void PatchTargetsAreTheShownObjectsWordsPadForBackgroundAndNoneForSlivers(bool cellWords)
    {
        using var trainer = TinyTraining.Trainer(steps: 3);
        var world = trainer.World;
        int objects = 0, background = 0, slivers = 0, oneWordCells = 0;
        for (int index = 0; index < 20; index++)
        {
            var scene = world.Generator.Scene(SceneSplit.Train, index);
            var words = world.PatchWords(scene, cellWords);
            var cover = ScenePatches.Cover(scene, world.PatchGrid);
            Assert.Equal(world.ImageTokens * ShapesWorld.WordsPerPatch, words.Length);
            for (int i = 0; i < cover.Length; i++)
            {
                string[] expected = cover[i] switch
                {
                    (null, _) => ["<pad>", "<pad>", "<pad>", "(none)", "(none)"],
                    ({ } o, >= 0.25) => [o.Size.Word(), o.Colour.Word(), o.Kind.Word(), .. Cell(o.Cell)],
                    _ => ["(none)", "(none)", "(none)", "(none)", "(none)"],
                };
                var actual = words.Skip(ShapesWorld.WordsPerPatch * i).Take(ShapesWorld.WordsPerPatch)
                    .Select(id => id == ShapesWorld.NoWord ? "(none)" : world.Vocabulary[(int)id]);
                Assert.Equal(expected, actual);
                (objects, background, slivers) = expected[0] switch
                {
                    "<pad>" => (objects, background + 1, slivers),
                    "(none)" => (objects, background, slivers + 1),
                    _ => (objects + 1, background, slivers),
                };
                if (cellWords && expected[0] is not ("<pad>" or "(none)") && expected[4] == "(none)") oneWordCells++;
            }
        }
        Assert.True(objects > 0 && background > 0 && slivers > 0, $"{objects} object, {background} background and {slivers} sliver patches");
        Assert.True(!cellWords || oneWordCells > 0, "no object patch in a one-word cell (top, left, center...) was seen");

        // The cell's name as the generator writes its answers ("where is ..."), one or two words.
        string[] Cell(GridCell cell) => !cellWords ? ["(none)", "(none)"]
            : cell.Name.Split(' ') is [var one] ? [one, "(none)"] : cell.Name.Split(' ');
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TheReadoutTermIsTheMeanCrossEntropyOverTheWordsGiven(bool cellWords)
    {
        var options = TinyTraining.Options(steps: 3) with { PatchWordWeight = 1.0, PatchCellWords = cellWords };
        using var trainer = new ShapesTrainer(ShapesModelOptions.Tiny, options);
        var world = trainer.World;
        var samples = world.Samples(SceneSplit.Validation, options.Mix).Samples(0, 16).Where(s => s.HasImage).ToList();
        using var batch = TrainingBatch.Collate(samples, world.Preprocessor, world.PadId, scene => world.PatchWords(scene, cellWords));
        using var _ = no_grad();
        using var without = ShapesLoss.Compute(trainer.Model, batch);
        using var with = ShapesLoss.Compute(trainer.Model, batch, 1.0);
        double term = with.item<float>() - without.item<float>();

        // Independently: every image token read through the embedding table, one word at a time.
        using var features = trainer.Model.Encoder.forward(batch.Pixels!).reshape(-1, trainer.Model.Config.Text.HiddenSize);
        using var logProbabilities = nn.functional.log_softmax(features.matmul(trainer.Model.Decoder.model.embed_tokens.weight!.t()), 1);
        var table = logProbabilities.data<float>().ToArray();
        var targets = samples.SelectMany(s => world.PatchWords(s.Scene, cellWords)).ToArray();
        int vocabulary = (int)logProbabilities.shape[1];
        double sum = 0;
        int count = 0;
        for (int token = 0; token < targets.Length / ShapesWorld.WordsPerPatch; token++)
            for (int slot = 0; slot < ShapesWorld.WordsPerPatch; slot++)
                if (targets[token * ShapesWorld.WordsPerPatch + slot] is var id and not ShapesWorld.NoWord)
                    (sum, count) = (sum - table[token * vocabulary + id], count + 1);
        Assert.True(count > 0);
        Assert.Equal(sum / count, term, 3);
    }

    [Theory]
    [InlineData(PatchWordTarget.Readout, false, 1.0)]   // cross-entropy over the vocabulary starts near ln(vocabulary size)
    [InlineData(PatchWordTarget.Embedding, false, 0.5)] // 1 - cosine starts near 1 for unrelated vectors
    [InlineData(PatchWordTarget.Readout, true, 1.0)]
    [InlineData(PatchWordTarget.Embedding, true, 0.5)]
    public void TheTermIsAddedWithItsWeightAndTrainingOnItLowersIt(PatchWordTarget target, bool cellWords, double untrainedAtLeast)
    {
        var options = TinyTraining.Options(steps: 40) with { PatchWordWeight = 1.0, PatchWordTarget = target, PatchCellWords = cellWords };
        using var trainer = new ShapesTrainer(ShapesModelOptions.Tiny, options);
        var samples = trainer.World.Samples(SceneSplit.Validation, options.Mix).Samples(0, 16).ToList();
        Assert.Contains(samples, s => s.HasImage);
        using var batch = TrainingBatch.Collate(samples, trainer.World.Preprocessor, trainer.World.PadId,
            scene => trainer.World.PatchWords(scene, cellWords));
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
