using Mesh.Core.Nn;
using Mesh.Core.Prompting;
using Mesh.Core.Tokenization;
using Mesh.Core.Vision;
using static TorchSharp.torch;

namespace Mesh.Core.Loading;

/// <summary>
/// One loaded model directory (docs/design.md section 3): the decoder, the vision tower and its
/// preprocessing, the tokenizer and the chat template. Loaded once and shared read-only by requests.
/// </summary>
public sealed class VisionLanguageModel : IDisposable
{
    VisionLanguageModel(string directory, ModelConfig config, LlamaForCausalLM decoder, VisionEncoder? vision,
                        ImagePreprocessor? preprocessor, ITextTokenizer tokenizer, ChatTemplate template)
    {
        Directory = directory;
        Config = config;
        Decoder = decoder;
        Vision = vision;
        Preprocessor = preprocessor;
        Tokenizer = tokenizer;
        Template = template;
        var stops = new HashSet<int>(config.Text.EosTokenIds);
        if (tokenizer.EosId is { } eos) stops.Add(eos);
        StopTokenIds = stops;
    }

    public string Directory { get; }
    public ModelConfig Config { get; }
    public LlamaForCausalLM Decoder { get; }
    public VisionEncoder? Vision { get; }
    public ImagePreprocessor? Preprocessor { get; }
    public ITextTokenizer Tokenizer { get; }
    public ChatTemplate Template { get; }
    public IReadOnlySet<int> StopTokenIds { get; }

    public static VisionLanguageModel Load(string directory, ModelLoadOptions? options = null)
    {
        options ??= new ModelLoadOptions();
        var config = ModelConfig.Load(directory);
        var device = ModelLoadOptions.ResolveTorchDevice(options.Device);
        using var checkpoint = Checkpoint.Open(directory);
        string prefix = DecoderWeights.DetectPrefix(checkpoint);
        var dtype = options.DType ?? (device.type == TorchSharp.DeviceType.CPU
            ? float32
            : SafeTensorDTypes.ToScalarType(checkpoint.Info(prefix + "model.embed_tokens.weight").DType));
        var decoder = new LlamaForCausalLM(config.Text, dtype, device);
        try
        {
            DecoderWeights.Load(decoder, checkpoint, prefix);
            decoder.eval();
            VisionEncoder? vision = null;
            ImagePreprocessor? preprocessor = null;
            if (config.IsMultimodal && options.LoadVision)
            {
                string onnx = Path.Combine(directory, "vision.onnx");
                string preprocessorConfig = Path.Combine(directory, "preprocessor_config.json");
                if (!File.Exists(onnx)) throw new ModelLoadException($"{directory}: vision.onnx is missing (a llava model needs it)");
                if (!File.Exists(preprocessorConfig)) throw new ModelLoadException($"{directory}: preprocessor_config.json is missing");
                vision = new VisionEncoder(onnx, new VisionEncoderOptions(options.Device));
                preprocessor = new ImagePreprocessor(PreprocessorConfig.Load(preprocessorConfig), options.ImageLimits);
                if (vision.Tokens != config.ImageSeqLength || vision.Dim != config.Text.HiddenSize)
                    throw new ModelLoadException($"{directory}: vision.onnx gives [{vision.Tokens}, {vision.Dim}] image features; " +
                                                 $"the config needs [{config.ImageSeqLength}, {config.Text.HiddenSize}]");
            }
            var tokenizer = TokenizerLoader.Load(directory, config.Text.VocabSize);
            return new VisionLanguageModel(directory, config, decoder, vision, preprocessor, tokenizer, ChatTemplate.For(config));
        }
        catch
        {
            decoder.Dispose();
            throw;
        }
    }

    /// <summary>Encoded image bytes -> image features [1, image_seq_length, hidden].</summary>
    public ImageFeatures EncodeImage(ReadOnlySpan<byte> encodedImage)
    {
        if (Vision is null || Preprocessor is null) throw new InvalidOperationException("this model has no vision tower, or was loaded without it");
        var pixels = Preprocessor.Preprocess(encodedImage);
        return Vision.Encode(pixels.Data, batch: 1);
    }

    /// <summary>The chat-templated prompt for <paramref name="instruction"/>, with an image span when <paramref name="withImage"/>.</summary>
    public PromptLayout BuildPrompt(string instruction, bool withImage)
    {
        var (before, after) = Template.Render(instruction);
        var prefix = Tokenizer.Encode(before, addBos: true).Select(i => (long)i);
        if (!withImage) return PromptLayout.TextOnly(prefix.Concat(Tokenizer.Encode(after, addBos: false).Select(i => (long)i)).ToArray());
        if (Config.ImageTokenIndex is not { } imageToken) throw new InvalidOperationException("this model takes no image");
        var ids = prefix.Append(imageToken).Concat(Tokenizer.Encode(after, addBos: false).Select(i => (long)i)).ToArray();
        return ImageTokenExpansion.Expand(ids, imageToken, Config.ImageSeqLength);
    }

    /// <summary>The marker of the image in a verbatim prompt.</summary>
    public const string ImageMarker = "<image>";

    /// <summary>
    /// A prompt exactly as written, without the chat template or an added BOS; <see cref="ImageMarker"/>
    /// (at most once) marks where the image goes.
    /// </summary>
    public PromptLayout BuildVerbatimPrompt(string text)
    {
        var parts = text.Split(ImageMarker);
        if (parts.Length > 2) throw new ArgumentException($"a prompt may hold {ImageMarker} at most once");
        var before = Tokenizer.Encode(parts[0], addBos: false).Select(i => (long)i);
        if (parts.Length == 1) return PromptLayout.TextOnly(before.ToArray());
        if (Config.ImageTokenIndex is not { } imageToken) throw new ArgumentException($"this model takes no image; remove {ImageMarker}");
        var ids = before.Append(imageToken).Concat(Tokenizer.Encode(parts[1], addBos: false).Select(i => (long)i)).ToArray();
        return ImageTokenExpansion.Expand(ids, imageToken, Config.ImageSeqLength);
    }

    /// <summary>Prompt embeddings [1, T, hidden]: token embeddings with the image span filled by <paramref name="image"/>.</summary>
    public Tensor EmbedPrompt(PromptLayout layout, ImageFeatures? image) => PromptEmbedding.Embed(Decoder, layout, image);

    public void Dispose()
    {
        Decoder.Dispose();
        Vision?.Dispose();
    }
}
