using Microsoft.ML.OnnxRuntime;

namespace Mesh.Core.Vision;

/// <summary>
/// Runs <c>vision.onnx</c> (vision tower + projector): <c>pixel_values</c> [batch,3,H,W] to
/// <c>image_features</c> [batch,N,d] and, when exported, <c>vision_feature</c> [batch,N,d_vision].
/// One <see cref="InferenceSession"/> per model, created here and shared; <see cref="Encode"/> is thread-safe.
/// </summary>
public sealed class VisionEncoder : IDisposable
{
    private const string InputName = "pixel_values";
    private const string FeaturesName = "image_features";
    private const string VisionFeatureName = "vision_feature";

    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();

    /// <summary>Loads the model at <paramref name="onnxPath"/> and reads its shapes from the metadata.</summary>
    public VisionEncoder(string onnxPath, VisionEncoderOptions? options = null)
    {
        options ??= new VisionEncoderOptions();
        using var sessionOptions = CreateSessionOptions(options, out var device);
        _session = new InferenceSession(onnxPath, sessionOptions);
        Device = device;

        var input = Metadata(_session.InputMetadata, InputName, onnxPath).Dimensions; // [batch,3,H,W]
        var output = Metadata(_session.OutputMetadata, FeaturesName, onnxPath).Dimensions; // [batch,N,d]
        if (input.Length != 4 || input[1] != 3 || input[2] <= 0 || input[3] <= 0 || output.Length != 3 || output[1] <= 0 || output[2] <= 0)
            throw new InvalidDataException(
                $"{onnxPath}: expected {InputName} [batch,3,H,W] and {FeaturesName} [batch,N,d] with fixed H, W, N, d; " +
                $"got [{string.Join(",", input)}] and [{string.Join(",", output)}].");
        (ImageHeight, ImageWidth, Tokens, Dim) = (input[2], input[3], output[1], output[2]);
        HasVisionFeature = _session.OutputMetadata.ContainsKey(VisionFeatureName);
    }

    /// <summary>The device the session runs on after any fallback.</summary>
    public ExecutionDevice Device { get; }

    /// <summary>Input height H.</summary>
    public int ImageHeight { get; }

    /// <summary>Input width W.</summary>
    public int ImageWidth { get; }

    /// <summary>Image tokens N per image.</summary>
    public int Tokens { get; }

    /// <summary>Width d of <c>image_features</c>.</summary>
    public int Dim { get; }

    /// <summary>Whether the model also outputs <c>vision_feature</c> (the projector input).</summary>
    public bool HasVisionFeature { get; }

    /// <summary>Encodes <paramref name="batch"/> images given as CHW floats, back to back.</summary>
    public ImageFeatures Encode(ReadOnlySpan<float> pixelValues, int batch) => Run(pixelValues, batch, FeaturesName);

    /// <summary>Returns the <c>vision_feature</c> output (selected CLIP layer without CLS) for diagnostics.</summary>
    public ImageFeatures EncodeVisionFeature(ReadOnlySpan<float> pixelValues, int batch) =>
        HasVisionFeature ? Run(pixelValues, batch, VisionFeatureName)
            : throw new InvalidOperationException($"This vision model has no '{VisionFeatureName}' output.");

    private ImageFeatures Run(ReadOnlySpan<float> pixelValues, int batch, string outputName)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        long expected = (long)batch * 3 * ImageHeight * ImageWidth;
        if (pixelValues.Length != expected)
            throw new ArgumentException(
                $"pixel values hold {pixelValues.Length} floats; batch {batch} of [3,{ImageHeight},{ImageWidth}] needs {expected}.",
                nameof(pixelValues));

        long[] shape = [batch, 3, ImageHeight, ImageWidth];
        using var input = OrtValue.CreateTensorValueFromMemory(pixelValues.ToArray(), shape);
        using var outputs = _session.Run(_runOptions, [InputName], [input], [outputName]);
        var result = outputs[0];
        var dims = result.GetTensorTypeAndShape().Shape; // [batch,N,d]
        return new ImageFeatures(result.GetTensorDataAsSpan<float>().ToArray(), (int)dims[0], (int)dims[1], (int)dims[2]);
    }

    private static NodeMetadata Metadata(IReadOnlyDictionary<string, NodeMetadata> nodes, string name, string path) =>
        nodes.TryGetValue(name, out var node) ? node
            : throw new InvalidDataException($"{path}: the model has no '{name}' node (has {string.Join(", ", nodes.Keys)}).");

    private static SessionOptions CreateSessionOptions(VisionEncoderOptions options, out ExecutionDevice device)
    {
        var so = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        if (options.IntraOpThreads > 0) so.IntraOpNumThreads = options.IntraOpThreads;
        if (options.InterOpThreads > 0) so.InterOpNumThreads = options.InterOpThreads;
        device = ExecutionDevice.Cpu;
#if MESH_CUDA
        if (options.Device == ExecutionDevice.Cuda)
        {
            so.AppendExecutionProvider_CUDA(options.CudaDeviceId);
            device = ExecutionDevice.Cuda;
        }
        else if (options.Device == ExecutionDevice.Auto)
        {
            try
            {
                so.AppendExecutionProvider_CUDA(options.CudaDeviceId);
                device = ExecutionDevice.Cuda;
            }
            catch (OnnxRuntimeException)
            {
                // No usable GPU or CUDA libraries: CPU is the documented fallback for Auto.
            }
        }
#else
        if (options.Device == ExecutionDevice.Cuda)
        {
            so.Dispose();
            throw new NotSupportedException("ExecutionDevice.Cuda: Mesh was built without CUDA; rebuild with -p:MeshCuda=true.");
        }
#endif
        return so;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }
}
