using Google.Protobuf;
using Onnx;

namespace Mesh.Import.Onnx;

/// <summary>What <see cref="OnnxModelWriter.Write"/> put on disk.</summary>
/// <param name="ModelPath">The .onnx file.</param>
/// <param name="DataPath">The external-data file beside it, or null when every initializer is inline.</param>
/// <param name="Bytes">Bytes written in all.</param>
public sealed record OnnxWriteResult(string ModelPath, string? DataPath, long Bytes);

/// <summary>
/// Writes a <see cref="ModelProto"/>. A protobuf message cannot exceed 2 GiB, so when the initializers hold more
/// than the inline limit they go to a <c>.data</c> file beside the model (ONNX external data, 4 KiB-aligned
/// offsets) that ONNX Runtime reads by itself. Files appear whole or not at all (written beside, then moved).
/// </summary>
public static class OnnxModelWriter
{
    /// <summary>Default inline limit: well under protobuf's 2 GiB, leaving room for the graph itself.</summary>
    public const long DefaultInlineLimitBytes = 1L << 30;

    const int Alignment = 4096;

    // Small tensors (shape and axis constants, biases) stay inline: shape inference reads the constants.
    const int ExternalMinBytes = 1024;

    /// <summary>Writes <paramref name="model"/> to <paramref name="path"/>; takes ownership (initializers may move out).</summary>
    public static OnnxWriteResult Write(ModelProto model, string path, long inlineLimitBytes = DefaultInlineLimitBytes)
    {
        path = Path.GetFullPath(path);
        long rawBytes = model.Graph.Initializer.Sum(t => (long)t.RawData.Length);
        string? dataPath = rawBytes > inlineLimitBytes ? path + ".data" : null;
        var temporaries = new List<(string Temporary, string Final)>();
        try
        {
            long bytes = 0;
            if (dataPath is not null)
            {
                var temporary = Temporary(dataPath);
                temporaries.Add((temporary, dataPath));
                bytes += MoveToExternalData(model, temporary, Path.GetFileName(dataPath));
            }
            var modelTemporary = Temporary(path);
            temporaries.Add((modelTemporary, path));
            using (var stream = new FileStream(modelTemporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
                model.WriteTo(stream);
            bytes += new FileInfo(modelTemporary).Length;
            foreach (var (temporary, final) in temporaries)
                File.Move(temporary, final, overwrite: true);
            if (dataPath is null && File.Exists(path + ".data")) File.Delete(path + ".data"); // a stale one from an earlier write
            return new OnnxWriteResult(path, dataPath, bytes);
        }
        finally
        {
            foreach (var (temporary, _) in temporaries)
                if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    static string Temporary(string path) => $"{path}.{Guid.NewGuid():N}.tmp";

    static long MoveToExternalData(ModelProto model, string dataFile, string location)
    {
        using var stream = new FileStream(dataFile, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);
        foreach (var tensor in model.Graph.Initializer.Where(t => t.RawData.Length >= ExternalMinBytes))
        {
            long offset = (stream.Position + Alignment - 1) / Alignment * Alignment;
            stream.SetLength(Math.Max(stream.Length, offset));
            stream.Position = offset;
            tensor.RawData.WriteTo(stream);
            tensor.ExternalData.Add(Entry("location", location));
            tensor.ExternalData.Add(Entry("offset", offset.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            tensor.ExternalData.Add(Entry("length", tensor.RawData.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            tensor.DataLocation = TensorProto.Types.DataLocation.External;
            tensor.ClearRawData();
        }
        return stream.Length;
    }

    static StringStringEntryProto Entry(string key, string value) => new() { Key = key, Value = value };
}
