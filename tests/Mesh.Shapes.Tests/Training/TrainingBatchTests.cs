using Mesh.Shapes.Training;
using static TorchSharp.torch;

namespace Mesh.Shapes.Tests.Training;

[Collection(TrainingCollection.Name)]
public sealed class TrainingBatchTests
{
    [Fact]
    public void SamplesArePackedEndToEndWithTheirLossRowsAndImageRows()
    {
        using var trainer = TinyTraining.Trainer(steps: 3);
        var world = trainer.World;
        var samples = trainer.BatchSamples(0);
        using var batch = TrainingBatch.Collate(samples, world.Preprocessor, world.PadId);

        var ids = batch.Ids.data<long>().ToArray();
        var imageRows = batch.ImageRows.data<bool>().ToArray();
        var predicting = batch.PredictingRows.data<long>().ToArray();
        var targets = batch.Targets.data<long>().ToArray();
        Assert.Equal(samples.Sum(s => s.Length), ids.Length);
        Assert.Equal(ids.Length, batch.Packing.Rows);
        Assert.Equal(samples.Sum(s => (long)s.Length), batch.Tokens);
        int start = 0, row = 0;
        foreach (var s in samples)
        {
            for (int j = 0; j < s.Length; j++)
            {
                bool image = j >= s.ImageStart && j < s.ImageEnd;
                Assert.Equal(image, imageRows[start + j]);
                Assert.Equal(image ? world.PadId : s.InputIds[j], ids[start + j]);
                if (j == 0 || !s.LossMask[j]) continue;
                Assert.Equal(start + j - 1, predicting[row]);   // row j-1 predicts token j
                Assert.Equal(s.InputIds[j], targets[row++]);
            }
            start += s.Length;
        }
        Assert.Equal(row, predicting.Length);
        Assert.Equal(samples.Count(s => s.HasImage), batch.Pixels?.shape[0] ?? 0);
    }

    [Fact]
    public void PaddingToTheLongestCostsRowsButGivesTheSameLossAndGradient()
    {
        using var trainer = TinyTraining.Trainer(steps: 3);
        var world = trainer.World;
        var samples = trainer.BatchSamples(0);
        Assert.True(samples.Select(s => s.Length).Distinct().Count() > 1, "the batch should mix lengths");
        using var packed = TrainingBatch.Collate(samples, world.Preprocessor, world.PadId);
        using var padded = TrainingBatch.Collate(samples, world.Preprocessor, world.PadId, padToLongest: true);
        Assert.Equal(samples.Count * samples.Max(s => s.Length), padded.Packing.Rows);
        Assert.True(padded.Packing.Uniform);
        Assert.False(packed.Packing.Uniform);
        Assert.Equal(packed.Tokens, padded.Tokens);

        var (packedLoss, packedGrads) = LossAndGradients(trainer, packed);
        var (paddedLoss, paddedGrads) = LossAndGradients(trainer, padded);
        Assert.Equal(packedLoss, paddedLoss, 1e-5);
        Reference.AssertClose(packedGrads, paddedGrads, 1e-5f, "gradients, packed vs padded");
    }

    static (float Loss, float[] Gradients) LossAndGradients(ShapesTrainer trainer, TrainingBatch batch)
    {
        var parameters = trainer.Model.NamedParameters().Select(p => p.Parameter).ToList();
        foreach (var p in parameters) p.grad?.zero_();
        using var loss = ShapesLoss.Compute(trainer.Model, batch);
        loss.backward();
        // Parameters the loss never reaches (the vision tower's unused post-layernorm) have no gradient in either layout.
        return (loss.item<float>(), [.. parameters.Where(p => p.grad is not null).SelectMany(p => p.grad!.data<float>().ToArray())]);
    }
}
