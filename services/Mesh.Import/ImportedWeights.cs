using Mesh.Core.Loading;

namespace Mesh.Import;

/// <summary>Writes the decoder and projector tensors into the output's model.safetensors, one tensor in memory at a time.</summary>
internal static class ImportedWeights
{
    public sealed record Written(IReadOnlyList<string> Names, string DTypes);

    /// <param name="tensors">Legacy names and checked shapes.</param>
    /// <param name="dtype">Target dtype; null keeps each stored dtype.</param>
    public static Written Write(LlavaSource source, IReadOnlyList<(string Name, long[] Shape)> tensors, SafeTensorDType? dtype,
                                string path, IProgress<ImportProgress>? progress)
    {
        var entries = tensors.Select(t => (t.Name, Source: source.SourceName(t.Name), DType: dtype ?? source.Checkpoint.Info(source.SourceName(t.Name)).DType, t.Shape)).ToList();
        long total = entries.Sum(e => e.Shape.Aggregate(1L, (n, d) => n * d) * e.DType.ElementSize()), done = 0;
        progress?.Report(new ImportProgress(ImportStep.Weights, 0, total));
        var sources = entries.Select(e => new SafeTensorSource(e.Name, e.DType, e.Shape, stream =>
        {
            using var tensor = source.Checkpoint.LoadTensor(e.Source, e.DType.ToScalarType());
            TensorBytes.CopyTo(tensor, stream);
            done += tensor.NumberOfElements * tensor.ElementSize;
            progress?.Report(new ImportProgress(ImportStep.Weights, done, total));
        }));
        SafeTensorsWriter.Write(path, sources, new Dictionary<string, string> { ["format"] = "pt" });
        var dtypes = entries.GroupBy(e => e.DType).Select(g => $"{g.Key} x{g.Count()}");
        return new Written(entries.Select(e => e.Name).ToList(), string.Join(", ", dtypes));
    }
}
