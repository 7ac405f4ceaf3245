using Mesh.Core.Nn;
using Mesh.Shapes.Scenes;
using Mesh.Core.Vision;
using static TorchSharp.torch;

namespace Mesh.Shapes.Training;

/// <summary>
/// Samples collated for one step, packed end to end with no padding (<see cref="Packing"/>; sample b's token t is
/// flat row start(b) + t): <see cref="Ids"/> [N] (image rows hold the pad id), <see cref="ImageRows"/> [N] true on
/// image rows, <see cref="Pixels"/> [I, 3, S, S] for the I samples with an image (in batch order), and the loss's
/// rows: <see cref="PredictingRows"/> are the flat rows whose next token is a target, <see cref="Targets"/> those tokens. With patch words,
/// <see cref="PatchWords"/> [I * N, <see cref="ShapesWorld.WordsPerPatch"/>] holds per image token its targets (<see cref="ShapesWorld.PatchWords"/>),
/// images in batch order.
/// </summary>
public sealed class TrainingBatch : IDisposable
{
    public required Tensor Ids { get; init; }
    public required PackedSequences Packing { get; init; }
    public required Tensor ImageRows { get; init; }
    public required Tensor? Pixels { get; init; }
    public required Tensor PredictingRows { get; init; }
    public required Tensor Targets { get; init; }
    /// <summary>
    /// Per loss row, the weight that makes a weighted sum the mean over samples of each sample's mean target loss:
    /// 1 / (its sample's target rows) / (samples with targets). See <see cref="TargetAveraging.Sample"/>.
    /// </summary>
    public required Tensor SampleMeanWeights { get; init; }
    public Tensor? PatchWords { get; init; }
    /// <summary>Tokens in the batch without padding (prompt and target).</summary>
    public required long Tokens { get; init; }

    /// <param name="patchWords">The patch-word targets of a scene (<see cref="ShapesWorld.PatchWords"/>); none when null.</param>
    /// <param name="padToLongest">
    /// Lay every sample over the longest one's rows, the pad id after its own, as training did before packing: the
    /// same loss at the cost of the pads' rows. Only the training benchmark's reference uses it.
    /// </param>
    public static TrainingBatch Collate(IReadOnlyList<TrainingSample> samples, ImagePreprocessor preprocessor, long padId,
                                        Func<Scene, long[]>? patchWords = null, bool padToLongest = false)
    {
        if (samples.Count == 0) throw new ArgumentException("a batch needs at least one sample", nameof(samples));
        int b = samples.Count, start = 0, longest = samples.Max(s => s.Length);
        int[] lengths = [.. samples.Select(s => padToLongest ? longest : s.Length)];
        var ids = new long[lengths.Sum()];
        var imageRows = new bool[ids.Length];
        Array.Fill(ids, padId);
        var rows = new List<long>();
        var targets = new List<long>();
        var rowSamples = new List<int>();   // the sample of each loss row
        var pixels = new List<float>();
        List<long> words = [];
        int images = 0, size = 0;
        for (int i = 0; i < b; i++)
        {
            var s = samples[i];
            for (int j = 0; j < s.Length; j++)
            {
                bool image = j >= s.ImageStart && j < s.ImageEnd;
                ids[start + j] = image ? padId : s.InputIds[j];
                imageRows[start + j] = image;
                if (j > 0 && s.LossMask[j])
                {
                    rows.Add(start + j - 1); // row j-1 predicts token j
                    targets.Add(s.InputIds[j]);
                    rowSamples.Add(i);
                }
            }
            if (s.HasImage)
            {
                var values = preprocessor.PreprocessRgb(s.Scene.Rgb, s.Scene.ImageSize, s.Scene.ImageSize);
                pixels.AddRange(values.Data);
                (images, size) = (images + 1, values.Height);
                if (patchWords is not null) words.AddRange(patchWords(s.Scene));
            }
            start += lengths[i];
        }
        var perSample = new int[b];
        foreach (int i in rowSamples) perSample[i]++;
        int withTargets = perSample.Count(n => n > 0);
        float[] weights = [.. rowSamples.Select(i => 1f / perSample[i] / withTargets)];
        return new TrainingBatch
        {
            Ids = tensor(ids),
            Packing = PackedSequences.Create(lengths),
            ImageRows = tensor(imageRows),
            Pixels = images == 0 ? null : tensor(pixels.ToArray()).view(images, 3, size, size),
            PredictingRows = tensor(rows.ToArray()),
            Targets = tensor(targets.ToArray()),
            SampleMeanWeights = tensor(weights),
            Tokens = samples.Sum(s => (long)s.Length),
            PatchWords = images > 0 && patchWords is not null ? tensor(words.ToArray()).view(-1, ShapesWorld.WordsPerPatch) : null,
        };
    }

    public void Dispose()
    {
        Ids.Dispose();
        Packing.Dispose();
        ImageRows.Dispose();
        Pixels?.Dispose();
        PredictingRows.Dispose();
        Targets.Dispose();
        SampleMeanWeights.Dispose();
        PatchWords?.Dispose();
    }
}
