using System.ComponentModel.DataAnnotations;

namespace Mesh.Localization.Semantic;

/// <summary>How images are fed to an ONNX semantic-segmentation model and how its classes are reported.</summary>
public sealed record OnnxSegmenterOptions
{
    /// <summary>Per-channel RGB mean subtracted after scaling pixels to [0, 1]. Default: ImageNet's, as most torchvision-style models expect.</summary>
    public IReadOnlyList<double> Mean { get; init; } = [0.485, 0.456, 0.406];

    /// <summary>Per-channel RGB standard deviation divided by after the mean. Default: ImageNet's.</summary>
    public IReadOnlyList<double> Std { get; init; } = [0.229, 0.224, 0.225];

    /// <summary>The label that names no object: left out when every object is asked for (it can still be asked for by name).</summary>
    public string? BackgroundLabel { get; init; } = "background";

    /// <summary>Threads inside one ONNX operator; 0 lets ONNX Runtime choose.</summary>
    [Range(0, 1024)]
    public int IntraOpThreads { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> when the normalisation cannot be applied.</summary>
    public void Validate()
    {
        if (Mean.Count != 3 || Std.Count != 3 || Std.Any(s => s <= 0))
            throw new ArgumentException("Mean and Std need 3 values (R, G, B) and every Std must be positive");
        if (IntraOpThreads is < 0 or > 1024)
            throw new ArgumentException($"IntraOpThreads is {IntraOpThreads}; allowed: 0 (ONNX Runtime chooses) to 1024");
    }
}
