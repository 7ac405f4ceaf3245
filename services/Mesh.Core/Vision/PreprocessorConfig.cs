using System.Text.Json;

namespace Mesh.Core.Vision;

/// <summary>
/// Image preprocessing settings read from a Hugging Face <c>preprocessor_config.json</c>
/// (<c>CLIPImageProcessor</c>). Defaults are the ones <c>CLIPImageProcessor</c> uses when a key is missing.
/// </summary>
/// <param name="DoResize">Resize before cropping.</param>
/// <param name="ShortestEdge">Target of the shortest edge (<c>size.shortest_edge</c>); null when <see cref="ResizeHeight"/>/<see cref="ResizeWidth"/> are set.</param>
/// <param name="ResizeHeight">Exact resize height (<c>size.height</c>), or null.</param>
/// <param name="ResizeWidth">Exact resize width (<c>size.width</c>), or null.</param>
/// <param name="Resample">PIL resampling filter id; 3 = bicubic, the only one supported.</param>
/// <param name="DoCenterCrop">Centre-crop after resizing.</param>
/// <param name="CropHeight">Crop height.</param>
/// <param name="CropWidth">Crop width.</param>
/// <param name="DoRescale">Multiply u8 values by <see cref="RescaleFactor"/>.</param>
/// <param name="RescaleFactor">Usually 1/255.</param>
/// <param name="DoNormalize">Apply <c>(x - mean) / std</c> per channel.</param>
/// <param name="ImageMean">Per-channel mean (RGB).</param>
/// <param name="ImageStd">Per-channel standard deviation (RGB).</param>
/// <param name="DoConvertRgb">Convert to RGB first (drop alpha, grey to RGB).</param>
public sealed record PreprocessorConfig(
    bool DoResize = true,
    int? ShortestEdge = 224,
    int? ResizeHeight = null,
    int? ResizeWidth = null,
    int Resample = 3,
    bool DoCenterCrop = true,
    int CropHeight = 224,
    int CropWidth = 224,
    bool DoRescale = true,
    double RescaleFactor = 1.0 / 255.0,
    bool DoNormalize = true,
    IReadOnlyList<double>? ImageMean = null,
    IReadOnlyList<double>? ImageStd = null,
    bool DoConvertRgb = true)
{
    /// <summary>OpenAI CLIP mean, the <c>CLIPImageProcessor</c> default.</summary>
    public static readonly IReadOnlyList<double> ClipMean = [0.48145466, 0.4578275, 0.40821073];

    /// <summary>OpenAI CLIP standard deviation, the <c>CLIPImageProcessor</c> default.</summary>
    public static readonly IReadOnlyList<double> ClipStd = [0.26862954, 0.26130258, 0.27577711];

    /// <summary>Per-channel mean actually used (defaults to <see cref="ClipMean"/>).</summary>
    public IReadOnlyList<double> Mean => ImageMean ?? ClipMean;

    /// <summary>Per-channel standard deviation actually used (defaults to <see cref="ClipStd"/>).</summary>
    public IReadOnlyList<double> Std => ImageStd ?? ClipStd;

    /// <summary>Reads a <c>preprocessor_config.json</c> file.</summary>
    public static PreprocessorConfig Load(string path) => Parse(File.ReadAllText(path));

    /// <summary>Parses the JSON text of a <c>preprocessor_config.json</c>.</summary>
    public static PreprocessorConfig Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var d = new PreprocessorConfig();

        int? shortest = d.ShortestEdge, height = null, width = null;
        if (root.TryGetProperty("size", out var size))
        {
            if (size.ValueKind == JsonValueKind.Number)
                shortest = size.GetInt32(); // legacy configs: a bare int means shortest edge
            else if (size.TryGetProperty("shortest_edge", out var se))
                shortest = se.GetInt32();
            else
            {
                shortest = null;
                height = size.GetProperty("height").GetInt32();
                width = size.GetProperty("width").GetInt32();
            }
        }

        int cropH = d.CropHeight, cropW = d.CropWidth;
        if (root.TryGetProperty("crop_size", out var crop))
        {
            if (crop.ValueKind == JsonValueKind.Number)
                cropH = cropW = crop.GetInt32();
            else
            {
                cropH = crop.GetProperty("height").GetInt32();
                cropW = crop.GetProperty("width").GetInt32();
            }
        }

        var config = new PreprocessorConfig(
            DoResize: Bool(root, "do_resize", d.DoResize),
            ShortestEdge: shortest,
            ResizeHeight: height,
            ResizeWidth: width,
            Resample: root.TryGetProperty("resample", out var r) ? r.GetInt32() : d.Resample,
            DoCenterCrop: Bool(root, "do_center_crop", d.DoCenterCrop),
            CropHeight: cropH,
            CropWidth: cropW,
            DoRescale: Bool(root, "do_rescale", d.DoRescale),
            RescaleFactor: root.TryGetProperty("rescale_factor", out var rf) ? rf.GetDouble() : d.RescaleFactor,
            DoNormalize: Bool(root, "do_normalize", d.DoNormalize),
            ImageMean: Doubles(root, "image_mean"),
            ImageStd: Doubles(root, "image_std"),
            DoConvertRgb: Bool(root, "do_convert_rgb", d.DoConvertRgb));
        config.Validate();
        return config;
    }

    /// <summary>Throws <see cref="ArgumentException"/> when the settings cannot be applied.</summary>
    public void Validate()
    {
        if (Resample != 3)
            throw new ArgumentException($"resample {Resample} is not supported; only 3 (bicubic) is.");
        if (DoResize && ShortestEdge is null && (ResizeHeight is null || ResizeWidth is null))
            throw new ArgumentException("size needs shortest_edge or both height and width.");
        if ((ShortestEdge ?? 1) <= 0 || (ResizeHeight ?? 1) <= 0 || (ResizeWidth ?? 1) <= 0 || CropHeight <= 0 || CropWidth <= 0)
            throw new ArgumentException("size and crop_size must be positive.");
        if (Mean.Count != 3 || Std.Count != 3 || Std.Any(s => s == 0))
            throw new ArgumentException("image_mean and image_std need 3 entries and std must be non-zero.");
    }

    private static bool Bool(JsonElement root, string name, bool fallback) =>
        root.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : fallback;

    private static double[]? Doubles(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().Select(e => e.GetDouble()).ToArray()
            : null;
}
