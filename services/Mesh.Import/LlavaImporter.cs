using Mesh.Core.Loading;
using Mesh.Import.Onnx;
using Mesh.Core.Vision;
using Mesh.Core.Vision.Clip;
using static TorchSharp.torch;

namespace Mesh.Import;

/// <summary>
/// <c>mesh import</c>: turns a Hugging Face LLaVA folder into a Mesh model directory (docs/design.md section 3):
/// config.json with a <c>mesh</c> section, model.safetensors (decoder and projector under the legacy names),
/// vision.onnx emitted from the CLIP weights, and the preprocessor and tokenizer files. Every tensor's name and
/// shape is checked before anything is written.
/// </summary>
public static class LlavaImporter
{
    public const string PreprocessorFile = "preprocessor_config.json";

    /// <summary>Copied when present: tokenizer and generation files.</summary>
    public static IReadOnlyList<string> OptionalFiles { get; } =
    [
        "tokenizer.model", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "added_tokens.json",
        "generation_config.json", "chat_template.json", "processor_config.json",
    ];

    public static ImportSummary Import(string sourceDirectory, string outputDirectory, ImportOptions? options = null,
                                       IProgress<ImportProgress>? progress = null)
    {
        options ??= new ImportOptions();
        options.Validate();
        using var source = LlavaSource.Open(sourceDirectory);
        string output = PrepareOutput(source.Directory, outputDirectory, options.Overwrite);
        if (!File.Exists(Path.Combine(source.Directory, PreprocessorFile)))
            throw new ModelLoadException($"{source.Directory}: {PreprocessorFile} is missing (the image preprocessing needs it)");
        PreprocessorConfig.Load(Path.Combine(source.Directory, PreprocessorFile)).Validate();

        progress?.Report(new ImportProgress(ImportStep.Check, 0, 1));
        using var encoder = new LlavaImageEncoder(source.Config, float32, CPU);
        LlavaImageEncoderWeights.Load(encoder, source.Checkpoint, trainable: false);
        var decoder = source.CheckedDecoderTensors();
        progress?.Report(new ImportProgress(ImportStep.Check, 1, 1));

        Directory.CreateDirectory(output);
        var projector = encoder.multi_modal_projector.named_parameters()
            .Select(p => ($"{nameof(encoder.multi_modal_projector)}.{p.name}", p.parameter.shape));
        var weights = ImportedWeights.Write(source, decoder.Concat(projector).ToList(), options.WeightsDType,
            Path.Combine(output, Checkpoint.SingleFileName), progress);

        var precision = options.VisionPrecision ?? AutoPrecision(source);
        progress?.Report(new ImportProgress(ImportStep.Vision, 0, 2));
        var onnx = VisionOnnxEmitter.Write(encoder, Path.Combine(output, "vision.onnx"),
            new VisionOnnxOptions { Precision = precision, InlineLimitBytes = options.OnnxInlineLimitBytes });
        progress?.Report(new ImportProgress(ImportStep.Vision, 1, 2));
        float check = CheckVision(encoder, onnx.ModelPath);
        progress?.Report(new ImportProgress(ImportStep.Vision, 2, 2));

        var copied = CopyFiles(source.Directory, output, progress);
        var family = ChatTemplateFamily.For(source.Config);
        ImportedConfig.Write(source, family, options.WeightsDType, Path.Combine(output, "config.json"));

        var used = weights.Names.Concat(encoder.named_parameters().Select(p => p.name)).Select(source.SourceName).ToHashSet(StringComparer.Ordinal);
        return new ImportSummary
        {
            Source = source.Directory,
            Output = output,
            Layout = source.Layout,
            TemplateFamily = family.Name,
            WeightTensors = weights.Names.Count,
            WeightBytes = new FileInfo(Path.Combine(output, Checkpoint.SingleFileName)).Length,
            WeightDTypes = weights.DTypes,
            Vision = onnx,
            VisionPrecision = precision,
            VisionLayers = encoder.Selection.Layers,
            ImageTokens = encoder.Selection.Tokens,
            ImageFeatureWidth = encoder.TextHidden,
            VisionCheckRelativeDiff = check,
            CopiedFiles = copied,
            IgnoredTensors = source.Checkpoint.Names.Where(n => !used.Contains(n)).ToList(),
        };
    }

    static string PrepareOutput(string source, string output, bool overwrite)
    {
        output = Path.GetFullPath(output);
        if (string.Equals(output.TrimEnd('/'), source.TrimEnd('/'), StringComparison.Ordinal))
            throw new ArgumentException($"the output folder must differ from the source folder ({source})");
        if (Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any() && !overwrite)
            throw new ArgumentException($"the output folder {output} is not empty; choose another or pass --overwrite");
        return output;
    }

    /// <summary>F16 when the checkpoint stores the tower in a 16-bit float type.</summary>
    static OnnxPrecision AutoPrecision(LlavaSource source)
    {
        var stored = source.Checkpoint.Info(source.SourceName("vision_tower.vision_model.embeddings.patch_embedding.weight")).DType;
        return stored is SafeTensorDType.F16 or SafeTensorDType.BF16 ? OnnxPrecision.F16 : OnnxPrecision.F32;
    }

    /// <summary>Runs the written graph under ONNX Runtime and the TorchSharp encoder on one seeded random batch of 2.</summary>
    static float CheckVision(LlavaImageEncoder encoder, string onnxPath)
    {
        using var session = new VisionEncoder(onnxPath, new VisionEncoderOptions(ExecutionDevice.Cpu));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var generator = new TorchSharp.torch.Generator(20250101);
        var pixels = randn([2, encoder.Vision.NumChannels, encoder.Vision.ImageSize, encoder.Vision.ImageSize], generator: generator);
        var expected = encoder.forward(pixels).data<float>().ToArray();
        var actual = session.Encode(pixels.data<float>().ToArray(), batch: 2).Data;
        float worst = 0, largest = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(expected[i] - actual[i]));
            largest = Math.Max(largest, Math.Abs(expected[i]));
        }
        return worst / Math.Max(largest, float.Epsilon);
    }

    static List<string> CopyFiles(string source, string output, IProgress<ImportProgress>? progress)
    {
        var present = OptionalFiles.Prepend(PreprocessorFile).Where(f => File.Exists(Path.Combine(source, f))).ToList();
        for (int i = 0; i < present.Count; i++)
        {
            File.Copy(Path.Combine(source, present[i]), Path.Combine(output, present[i]), overwrite: true);
            progress?.Report(new ImportProgress(ImportStep.Files, i + 1, present.Count));
        }
        return present;
    }
}
