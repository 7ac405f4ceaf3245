using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Mesh.Core.Loading;
using Mesh.Core.Vision;
using CoreVisionEncoder = Mesh.Core.Vision.VisionEncoder;

namespace Mesh.VisionEncoder.Model;

/// <summary>
/// The vision half of one model directory, loaded once and shared read-only: preprocessing, the ONNX
/// vision tower + projector, and the identity that embedding keys are derived from.
/// </summary>
public sealed class VisionModel : IDisposable
{
    readonly ImagePreprocessor _preprocessor;
    readonly CoreVisionEncoder _encoder;
    readonly byte[] _keyPrefix;

    VisionModel(string modelId, byte[] visionSha256, PreprocessorConfig preprocessing, ImagePreprocessor preprocessor,
                CoreVisionEncoder encoder, int gridRows, int gridCols)
    {
        ModelId = modelId;
        VisionSha256 = Convert.ToHexStringLower(visionSha256);
        _preprocessor = preprocessor;
        _encoder = encoder;
        (GridRows, GridCols) = (gridRows, gridCols);
        // Length-prefixed model id, vision weights digest and preprocessing: every key hashes these first.
        _keyPrefix = [.. Field(Encoding.UTF8.GetBytes(modelId)), .. Field(visionSha256),
                      .. Field(JsonSerializer.SerializeToUtf8Bytes(preprocessing))];
    }

    /// <summary>The model's name (its directory name).</summary>
    public string ModelId { get; }
    /// <summary>Lowercase hex SHA-256 of <c>vision.onnx</c>.</summary>
    public string VisionSha256 { get; }
    /// <summary>Preprocessed input size.</summary>
    public int InputHeight => _encoder.ImageHeight;
    public int InputWidth => _encoder.ImageWidth;
    /// <summary>Image tokens per image and their width.</summary>
    public int Tokens => _encoder.Tokens;
    public int Dim => _encoder.Dim;
    /// <summary>The image-token grid, rows * cols == <see cref="Tokens"/>.</summary>
    public int GridRows { get; }
    public int GridCols { get; }

    /// <summary>Loads the vision tower of the model in <paramref name="directory"/>; the decoder weights are not read.</summary>
    public static VisionModel Load(string directory, VisionEncoderOptions encoderOptions, ImageLimits limits)
    {
        var config = ModelConfig.Load(directory);
        if (config.Vision is null)
            throw new ModelLoadException($"{directory}: the model has no vision tower (model_type {config.ModelType}); the vision encoder needs a llava model.");
        string onnx = Path.Combine(directory, "vision.onnx");
        var preprocessing = PreprocessorConfig.Load(Path.Combine(directory, "preprocessor_config.json"));
        byte[] digest;
        using (var file = File.OpenRead(onnx)) digest = SHA256.HashData(file);
        var encoder = new CoreVisionEncoder(onnx, encoderOptions);
        (int rows, int cols) = config.Vision.NumPatches == encoder.Tokens
            ? (config.Vision.GridSide, config.Vision.GridSide)
            : (1, encoder.Tokens); // no square grid: one row of tokens
        var name = new DirectoryInfo(directory).Name;
        return new VisionModel(name, digest, preprocessing, new ImagePreprocessor(preprocessing, limits), encoder, rows, cols);
    }

    /// <summary>The cache key of <paramref name="image"/>: the full SHA-256 of (model id, vision weights, preprocessing, image bytes).</summary>
    public string KeyFor(ReadOnlySpan<byte> image)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(_keyPrefix);
        hash.AppendData(image);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Encoded image -> features [<see cref="Tokens"/>, <see cref="Dim"/>], row-major. Throws <see cref="InvalidImageException"/> for bad images.</summary>
    public float[] Encode(ReadOnlySpan<byte> image)
    {
        var pixels = _preprocessor.Preprocess(image); // [3, H, W]
        var features = _encoder.Encode(pixels.Data, batch: 1); // [1, N, d]
        if (features.Batch != 1 || features.Tokens != Tokens || features.Dim != Dim)
            throw new InvalidOperationException($"vision.onnx returned [{features.Batch}, {features.Tokens}, {features.Dim}]; expected [1, {Tokens}, {Dim}].");
        return features.Data;
    }

    static byte[] Field(byte[] value) => [.. BitConverter.GetBytes(value.Length), .. value];

    /// <inheritdoc />
    public void Dispose() => _encoder.Dispose();
}
