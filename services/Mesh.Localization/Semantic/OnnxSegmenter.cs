using Mesh.Core.Interp;
using Mesh.Judging.Lexicon;
using Mesh.Shapes.Scenes;
using Mesh.Localization.Attention;
using Mesh.Core.Vision;
using Microsoft.ML.OnnxRuntime;

namespace Mesh.Localization.Semantic;

/// <summary>
/// A semantic-segmentation model in ONNX with its label list: the model's first input takes a float image
/// [batch, 3, H, W] (RGB scaled to [0, 1], normalised by <see cref="OnnxSegmenterOptions"/>; resized bilinearly to
/// H x W when the model fixes them) and its first output gives class logits [batch, classes, h, w]. Each class
/// present becomes one mask at the input image's size (semantic models do not separate instances), scored by its
/// mean softmax probability. One <see cref="InferenceSession"/>, created here and shared; thread-safe.
/// </summary>
public sealed class OnnxSegmenter : ISegmenter, IDisposable
{
    readonly InferenceSession _session;
    readonly RunOptions _runOptions = new();
    readonly string _input, _output;
    readonly int _height, _width; // the model's fixed input size, or -1 where it takes any
    readonly OnnxSegmenterOptions _options;
    readonly ImageLimits _limits;

    public OnnxSegmenter(string modelPath, IReadOnlyList<string> labels, OnnxSegmenterOptions? options = null, ImageLimits? limits = null)
    {
        _options = options ?? new OnnxSegmenterOptions();
        _options.Validate();
        _limits = limits ?? new ImageLimits();
        KnownNames = SegmentationLabels.Check(labels, "the label list");
        if (!File.Exists(modelPath)) throw new FileNotFoundException($"no segmentation model at {modelPath}", modelPath);
        using var sessionOptions = new SessionOptions { IntraOpNumThreads = _options.IntraOpThreads };
        _session = new InferenceSession(modelPath, sessionOptions);
        (_input, var input) = _session.InputMetadata.First();
        (_output, var output) = _session.OutputMetadata.First();
        int[] i = input.Dimensions, o = output.Dimensions;
        if (i.Length != 4 || i[1] != 3 || o.Length != 4 || (o[1] > 0 && o[1] != labels.Count))
        {
            _session.Dispose();
            throw new InvalidDataException($"{modelPath}: expected input [batch, 3, H, W] and output [batch, {labels.Count} classes, h, w]; " +
                                           $"got [{string.Join(", ", i)}] and [{string.Join(", ", o)}]");
        }
        (_height, _width) = (i[2], i[3]);
    }

    /// <inheritdoc />
    public IReadOnlyList<string> KnownNames { get; }

    /// <inheritdoc />
    public SegmentationResult Segment(ReadOnlySpan<byte> image, IReadOnlyCollection<string> names)
    {
        var wanted = names.Count == 0
            ? [.. KnownNames.Select((label, k) => (Name: label, Class: k)).Where(w => !string.Equals(w.Name, _options.BackgroundLabel, StringComparison.OrdinalIgnoreCase))]
            : names.Select(n => (Name: n, Class: ClassOf(n))).ToList();
        var rgb = RgbImage.Decode(image, _limits);
        var map = Classify(rgb);
        var objects = new List<SegmentedObject>();
        foreach (var (name, k) in wanted)
        {
            var pixels = new bool[map.Classes.Length];
            double probability = 0;
            for (int p = 0; p < pixels.Length; p++)
                if (map.Classes[p] == k) (pixels[p], probability) = (true, probability + map.Probabilities[p]);
            var mask = new ObjectMask(rgb.Width, rgb.Height, pixels);
            if (mask.Area > 0) objects.Add(new SegmentedObject(name, mask, (float)(probability / mask.Area)));
        }
        return new SegmentationResult(rgb.Height, rgb.Width, objects);
    }

    ClassMap Classify(RgbImage rgb)
    {
        int h = _height > 0 ? _height : rgb.Height, w = _width > 0 ? _width : rgb.Width;
        var input = new float[3 * h * w]; // [3, h, w]
        var plane = new float[rgb.Height * rgb.Width];
        for (int c = 0; c < 3; c++)
        {
            for (int p = 0; p < plane.Length; p++) plane[p] = rgb.Rgb[3 * p + c] / 255f;
            var resized = BilinearUpsampler.Resize(plane, new ImageGrid(rgb.Height, rgb.Width), h, w);
            for (int p = 0; p < resized.Length; p++) input[c * h * w + p] = (float)((resized[p] - _options.Mean[c]) / _options.Std[c]);
        }
        using var tensor = OrtValue.CreateTensorValueFromMemory(input, [1, 3, h, w]);
        using var outputs = _session.Run(_runOptions, [_input], [tensor], [_output]);
        var dims = outputs[0].GetTensorTypeAndShape().Shape; // [1, classes, rows, cols]
        if (dims.Length != 4 || dims[1] != KnownNames.Count)
            throw new InvalidDataException($"the model gave logits [{string.Join(", ", dims)}]; {KnownNames.Count} classes were expected");
        return ClassMap.FromLogits(outputs[0].GetTensorDataAsSpan<float>(), KnownNames.Count, new ImageGrid((int)dims[2], (int)dims[3]), rgb.Height, rgb.Width);
    }

    // A label by name, case-insensitively, or through the judge's lexicon ("man" finds "person").
    int ClassOf(string name)
    {
        string key = name.Trim();
        string? canonical = ObjectLexicon.Default.CanonicalOf(key.ToLowerInvariant());
        for (int k = 0; k < KnownNames.Count; k++)
            if (string.Equals(KnownNames[k], key, StringComparison.OrdinalIgnoreCase)
                || (canonical is not null && string.Equals(KnownNames[k], canonical, StringComparison.OrdinalIgnoreCase)))
                return k;
        throw new UnknownObjectException(name, KnownNames);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }
}
