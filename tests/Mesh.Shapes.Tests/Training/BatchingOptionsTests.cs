using Mesh.Shapes.Scenes;
using Mesh.Shapes.Training;
using static TorchSharp.torch;

namespace Mesh.Shapes.Tests.Training;

/// <summary>Length grouping (<see cref="TrainingOptions.LengthGroupSteps"/>) and per-sample averaging (<see cref="TargetAveraging"/>).</summary>
[Collection(TrainingCollection.Name)]
public sealed class BatchingOptionsTests
{
    [Fact]
    public void AGroupedWindowHoldsTheSameSamplesSortedByLengthInAShuffledOrder()
    {
        var options = TinyTraining.Options(steps: 40) with { TextOnlySteps = 3, BatchSize = 16 };
        using var plain = new ShapesTrainer(ShapesModelOptions.Tiny, options);
        using var grouped = new ShapesTrainer(ShapesModelOptions.Tiny, options with { LengthGroupSteps = 8 });

        // The text-only phase's window stops at step 3; the mix's windows start there: 3..10, 11..18, ...
        foreach (var (first, count) in new[] { (0, 3), (3, 8), (11, 8) })
        {
            var steps = Enumerable.Range(first, count).ToArray();
            var batches = steps.Select(grouped.BatchSamples).ToArray();
            Assert.Equal(Keys(steps.SelectMany(plain.BatchSamples)).Order(), Keys(batches.SelectMany(b => b)).Order());
            Assert.All(batches, b => Assert.Equal(16, b.Count));
            // Sorted into batches: every sample of the shorter batch is at most as long as every one of the longer.
            var byLength = batches.OrderBy(b => b.Max(s => s.Length)).ToArray();
            for (int i = 1; i < byLength.Length; i++)
                Assert.True(byLength[i - 1].Max(s => s.Length) <= byLength[i].Min(s => s.Length));
            if (count == 8)
                Assert.False(batches.Select(b => b.Max(s => s.Length)).SequenceEqual(byLength.Select(b => b.Max(s => s.Length))),
                             $"the window at step {first} is taken shortest first: its order was not shuffled");
        }
        Assert.All(grouped.BatchSamples(1), s => Assert.Equal(SampleKind.TextOnly, s.Kind));

        long plainPadding = Padding(plain, 3, 16), groupedPadding = Padding(grouped, 3, 16);
        Assert.True(groupedPadding < plainPadding / 2, $"padding {groupedPadding} grouped vs {plainPadding} plain over 16 mixed steps");

        using var one = new ShapesTrainer(ShapesModelOptions.Tiny, options with { LengthGroupSteps = 1 });
        Assert.Equal(Keys(plain.BatchSamples(5)), Keys(one.BatchSamples(5)));
        using var again = new ShapesTrainer(ShapesModelOptions.Tiny, options with { LengthGroupSteps = 8 });
        Assert.Equal(Keys(grouped.BatchSamples(9)), Keys(again.BatchSamples(9)));   // a fresh trainer (a resumed run) takes the same batch
    }

    [Fact]
    public void SampleAveragingWeighsEverySampleAlike()
    {
        using var trainer = TinyTraining.Trainer(steps: 3);
        var world = trainer.World;
        var samples = trainer.BatchSamples(0);
        using var batch = TrainingBatch.Collate(samples, world.Preprocessor, world.PadId);
        var weights = batch.SampleMeanWeights.data<float>().ToArray();
        Assert.Equal(1.0, weights.Sum(), 1e-5);
        int withTargets = samples.Count(s => s.LossMask.Skip(1).Any(m => m));
        int row = 0;
        foreach (var s in samples)
        {
            int targets = s.LossMask.Skip(1).Count(m => m);
            for (int t = 0; t < targets; t++, row++)
                Assert.Equal(1.0 / targets / withTargets, weights[row], 1e-6);
        }

        // The weighted loss is the mean over samples of each sample's own mean loss, computed one sample at a time.
        using var _ = no_grad();
        double expected = samples.Average(s =>
        {
            using var single = TrainingBatch.Collate([s], world.Preprocessor, world.PadId);
            using var loss = ShapesLoss.Compute(trainer.Model, single);
            return loss.item<float>();
        });
        using var perSample = ShapesLoss.Compute(trainer.Model, batch, averaging: TargetAveraging.Sample);
        using var perToken = ShapesLoss.Compute(trainer.Model, batch);
        Assert.Equal(expected, perSample.item<float>(), 1e-4);
        Assert.NotEqual(perToken.item<float>(), perSample.item<float>(), 1e-4); // descriptions and answers differ in length
    }

    static IEnumerable<(ulong Scene, SampleKind Kind)> Keys(IEnumerable<TrainingSample> samples) => samples.Select(s => (s.Scene.Seed, s.Kind));

    static long Padding(ShapesTrainer trainer, int first, int steps) =>
        Enumerable.Range(first, steps).Select(trainer.BatchSamples).Sum(b => (long)b.Count * b.Max(s => s.Length) - b.Sum(s => s.Length));
}
