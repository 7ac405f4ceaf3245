using System.Security.Cryptography;
using System.Text;

namespace Mesh.Core.Loading;

/// <summary>
/// A model directory's content identity: SHA-256 over <c>config.json</c> and the weight files (the decoder's
/// safetensors, sharded or not, and <c>vision.onnx</c> with its <c>vision.onnx.data</c>), each streamed from disk.
/// Two copies of one model share it wherever they lie and whatever their folders are called; a changed weight or
/// config changes it. Stored contexts carry it, so one is only read back by the model that wrote it.
/// </summary>
public static class ModelIdentity
{
    /// <summary>The identity of the model in <paramref name="directory"/>: 64 lowercase hex characters.</summary>
    /// <exception cref="ModelLoadException">A file the identity covers cannot be read.</exception>
    public static string Of(string directory)
    {
        // One line per file, "name length sha256", hashed in turn: the identity names which file holds which bytes.
        var manifest = new StringBuilder();
        foreach (var file in Files(directory))
        {
            var (length, digest) = FileSha256(file);
            manifest.Append(Path.GetFileName(file)).Append(' ').Append(length).Append(' ').Append(digest).Append('\n');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(manifest.ToString())));
    }

    /// <summary>The files the identity covers, in the order hashed: config.json, the decoder's weights, then the vision tower's.</summary>
    public static IReadOnlyList<string> Files(string directory)
    {
        var files = new List<string> { Path.Combine(directory, "config.json") };
        string single = Path.Combine(directory, Checkpoint.SingleFileName), index = Path.Combine(directory, CheckpointIndex.FileName);
        if (File.Exists(single)) files.Add(single);
        else if (File.Exists(index))
            files.AddRange(CheckpointIndex.ReadWeightMap(index).Values.Distinct().Order(StringComparer.Ordinal).Select(s => Path.Combine(directory, s)).Prepend(index));
        files.AddRange(VisionFiles.Select(name => Path.Combine(directory, name)).Where(File.Exists));
        return files;
    }

    static readonly string[] VisionFiles = ["vision.onnx", "vision.onnx.data"];

    static (long Length, string Digest) FileSha256(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 20, FileOptions.SequentialScan);
            string digest = Convert.ToHexStringLower(SHA256.HashData(stream));
            return (stream.Length, digest);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelLoadException($"{path}: cannot be read to compute the model's identity: {e.Message}", e);
        }
    }
}
