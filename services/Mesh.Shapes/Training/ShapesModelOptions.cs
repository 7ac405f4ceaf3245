using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using Mesh.Core.Loading;
using Mesh.Core.Prompting;
using Mesh.Shapes.Scenes;

namespace Mesh.Shapes.Training;

/// <summary>
/// The architecture of the Shapes model: LLaVA-1.5's family at toy size. A CLIP ViT over 64x64 images in 8x8
/// patches (64 image tokens, the CLS row dropped, the last layer's output selected), a two-layer GELU projector,
/// and a LLaMA decoder with grouped-query attention (2 query heads per KV head by default), RoPE and SwiGLU.
/// </summary>
public sealed record ShapesModelOptions
{
    [Range(16, 1024)] public int ImageSize { get; init; } = 64;
    [Range(2, 64)] public int PatchSize { get; init; } = 8;
    [Range(8, 4096)] public int VisionHidden { get; init; } = 64;
    [Range(8, 16384)] public int VisionIntermediate { get; init; } = 256;
    [Range(1, 64)] public int VisionLayers { get; init; } = 4;
    [Range(1, 64)] public int VisionHeads { get; init; } = 4;
    [Range(8, 4096)] public int TextHidden { get; init; } = 64;
    [Range(8, 16384)] public int TextIntermediate { get; init; } = 192;
    [Range(1, 64)] public int TextLayers { get; init; } = 8;
    [Range(1, 64)] public int TextHeads { get; init; } = 4;
    [Range(1, 64)] public int TextKvHeads { get; init; } = 2;
    [Range(16, 65536)] public int MaxPositions { get; init; } = 256;
    /// <summary>
    /// The LM head reuses the input embeddings (<c>tie_word_embeddings</c>): the vector a colour word is read as is the
    /// one the model writes it with, so a colour seen in the image and a colour named in the question meet in one space.
    /// </summary>
    public bool TieWordEmbeddings { get; init; }

    /// <summary>A small variant for tests: 2 vision layers, 2 decoder layers, narrow widths, 48x48 images in 12x12 patches.</summary>
    public static ShapesModelOptions Tiny { get; } = new()
    {
        ImageSize = 48, PatchSize = 12, VisionHidden = 32, VisionIntermediate = 64, VisionLayers = 2, VisionHeads = 2,
        TextHidden = 32, TextIntermediate = 64, TextLayers = 2, TextHeads = 4, TextKvHeads = 2, MaxPositions = 128,
    };

    public void Validate()
    {
        try { Validator.ValidateObject(this, new ValidationContext(this), validateAllProperties: true); }
        catch (ValidationException e) { throw new ArgumentException($"model options: {e.Message}", e); }
        if (ImageSize % PatchSize != 0)
            throw new ArgumentException($"ImageSize ({ImageSize}) must be a multiple of PatchSize ({PatchSize})");
        if (VisionHidden % VisionHeads != 0)
            throw new ArgumentException($"VisionHidden ({VisionHidden}) must be a multiple of VisionHeads ({VisionHeads})");
        if (TextHidden % TextHeads != 0 || TextHeads % TextKvHeads != 0 || TextHidden / TextHeads % 2 != 0)
            throw new ArgumentException($"TextHidden ({TextHidden}) must split into TextHeads ({TextHeads}) heads of even width, " +
                                        $"and TextHeads must be a multiple of TextKvHeads ({TextKvHeads})");
    }

    public int ImageTokens => (ImageSize / PatchSize) * (ImageSize / PatchSize);

    /// <summary>
    /// config.json (docs/design.md section 3): the Hugging Face llava layout plus the <c>mesh</c> section (templates,
    /// image grid, the scene options and vocabulary the model was trained on).
    /// </summary>
    public JsonObject ConfigJson(IReadOnlyList<string> vocabulary, ChatTemplate template, SceneOptions scenes)
    {
        Validate();
        int grid = ImageSize / PatchSize;
        var text = new JsonObject
        {
            ["model_type"] = "llama", ["vocab_size"] = vocabulary.Count, ["hidden_size"] = TextHidden,
            ["intermediate_size"] = TextIntermediate, ["num_hidden_layers"] = TextLayers, ["num_attention_heads"] = TextHeads,
            ["num_key_value_heads"] = TextKvHeads, ["head_dim"] = TextHidden / TextHeads, ["max_position_embeddings"] = MaxPositions,
            ["rms_norm_eps"] = 1e-5, ["rope_theta"] = 10000.0, ["hidden_act"] = "silu", ["tie_word_embeddings"] = TieWordEmbeddings,
            ["attention_bias"] = false, ["mlp_bias"] = false, ["torch_dtype"] = "float32",
            ["bos_token_id"] = Index(vocabulary, ShapesVocabulary.Bos), ["eos_token_id"] = Index(vocabulary, ShapesVocabulary.Eos),
            ["pad_token_id"] = Index(vocabulary, ShapesVocabulary.Pad),
        };
        var vision = new JsonObject
        {
            ["model_type"] = "clip_vision_model", ["hidden_size"] = VisionHidden, ["intermediate_size"] = VisionIntermediate,
            ["num_hidden_layers"] = VisionLayers, ["num_attention_heads"] = VisionHeads, ["image_size"] = ImageSize,
            ["patch_size"] = PatchSize, ["num_channels"] = 3, ["hidden_act"] = "gelu", ["layer_norm_eps"] = 1e-5,
        };
        var mesh = new JsonObject
        {
            ["chat_template"] = template.Template, ["follow_up_template"] = template.FollowUp, ["template_family"] = "llava-1.5",
            ["image_grid"] = new JsonArray(grid, grid),
            ["scenes"] = new JsonObject
            {
                ["image_size"] = scenes.ImageSize, ["min_objects"] = scenes.MinObjects, ["max_objects"] = scenes.MaxObjects,
                ["vocabulary"] = new JsonArray([.. vocabulary.Select(w => (JsonNode)w)]),
            },
        };
        return new JsonObject
        {
            ["architectures"] = new JsonArray("LlavaForConditionalGeneration"), ["model_type"] = "llava",
            ["image_token_index"] = ShapesVocabulary.ImageTokenId, ["image_seq_length"] = ImageTokens,
            ["vision_feature_layer"] = -1, ["vision_feature_select_strategy"] = "default", ["projector_hidden_act"] = "gelu",
            ["pad_token_id"] = Index(vocabulary, ShapesVocabulary.Pad), ["torch_dtype"] = "float32",
            ["text_config"] = text, ["vision_config"] = vision, ["mesh"] = mesh,
        };
    }

    /// <summary>The <see cref="ModelConfig"/> the loader reads from <see cref="ConfigJson"/>.</summary>
    public ModelConfig ModelConfig(IReadOnlyList<string> vocabulary, ChatTemplate template, SceneOptions scenes) =>
        Core.Loading.ModelConfig.Parse(ConfigJson(vocabulary, template, scenes).ToJsonString(), "the Shapes model config");

    static int Index(IReadOnlyList<string> vocabulary, string token)
    {
        int at = vocabulary.ToList().IndexOf(token);
        return at >= 0 ? at : throw new ArgumentException($"the vocabulary has no '{token}' token");
    }
}
