using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mesh.Core.Loading;

/// <summary>
/// Reads Hugging Face configs for <c>llava</c>, <c>llama</c> and <c>qwen2</c>, applying the defaults that
/// transformers applies when a key is absent (LlavaConfig, LlamaConfig, Qwen2Config, CLIPVisionConfig).
/// </summary>
internal static class HfConfigReader
{
    static readonly string[] TextTypes = ["llama", "qwen2"];

    public static ModelConfig Read(JsonObject root)
    {
        string type = Str(root, "model_type", "");
        if (type == "llava") return ReadLlava(root);
        if (TextTypes.Contains(type)) return new ModelConfig { ModelType = type, Text = ReadText(root), Mesh = root["mesh"] as JsonObject };
        throw new ModelConfigException(
            $"model_type '{type}' is not supported; supported: llava (with a llama or qwen2 text_config), llama, qwen2");
    }

    static ModelConfig ReadLlava(JsonObject root)
    {
        var textNode = root["text_config"] as JsonObject ?? new JsonObject { ["model_type"] = "llama" };
        if (!textNode.ContainsKey("model_type")) textNode["model_type"] = "llama";
        var text = ReadText(textNode);
        // LlavaConfig builds LLaVA-1.5's CLIP ViT-L/14-336 only when vision_config is absent; a given
        // vision_config goes to CLIPVisionConfig(**vision_config), whose own defaults are ViT-B/32's.
        var vision = root["vision_config"] is JsonObject visionNode ? ReadVision(visionNode, ClipDefaults) : ReadVision(new JsonObject(), Llava15Defaults);
        string strategy = Str(root, "vision_feature_select_strategy", "default");
        if (strategy is not ("default" or "full"))
            throw new ModelConfigException($"vision_feature_select_strategy '{strategy}' is not supported; supported: default, full");
        int featureLayer = root["vision_feature_layer"] is JsonArray
            ? throw new ModelConfigException("a list of vision_feature_layer values is not supported; give one layer")
            : Int(root, "vision_feature_layer", -2);
        int tokensPerImage = vision.NumPatches + (strategy == "full" ? 1 : 0);
        return new ModelConfig
        {
            ModelType = "llava",
            Text = text,
            Vision = vision,
            ImageTokenIndex = Int(root, "image_token_index", 32000),
            ImageSeqLength = Int(root, "image_seq_length", tokensPerImage),
            VisionFeatureLayer = featureLayer,
            VisionFeatureSelectStrategy = strategy,
            ProjectorHiddenAct = Str(root, "projector_hidden_act", "gelu"),
            Mesh = root["mesh"] as JsonObject,
        };
    }

    static TextConfig ReadText(JsonObject c)
    {
        string type = Str(c, "model_type", "llama");
        if (!TextTypes.Contains(type))
            throw new ModelConfigException($"text model_type '{type}' is not supported; supported: {string.Join(", ", TextTypes)}");
        bool qwen = type == "qwen2";
        if (qwen && Bool(c, "use_sliding_window", false))
            throw new ModelConfigException("qwen2 use_sliding_window = true is not supported");
        int hidden = Int(c, "hidden_size", 4096);
        int heads = Int(c, "num_attention_heads", 32);
        bool attentionBias = Bool(c, "attention_bias", false);
        var config = new TextConfig
        {
            ModelType = type,
            VocabSize = Int(c, "vocab_size", qwen ? 151936 : 32000),
            HiddenSize = hidden,
            IntermediateSize = Int(c, "intermediate_size", qwen ? 22016 : 11008),
            NumHiddenLayers = Int(c, "num_hidden_layers", 32),
            NumAttentionHeads = heads,
            NumKeyValueHeads = c["num_key_value_heads"] is null ? heads : Int(c, "num_key_value_heads", heads),
            HeadDim = c["head_dim"] is null || qwen ? hidden / Math.Max(heads, 1) : Int(c, "head_dim", 0),
            MaxPositionEmbeddings = Int(c, "max_position_embeddings", qwen ? 32768 : 2048),
            RmsNormEps = Double(c, "rms_norm_eps", 1e-6),
            RopeTheta = Double(c, "rope_theta", 10000.0),
            RopeLinearFactor = RopeFactor(c),
            TieWordEmbeddings = Bool(c, "tie_word_embeddings", false),
            QkvBias = qwen || attentionBias,
            OutputBias = !qwen && attentionBias,
            MlpBias = !qwen && Bool(c, "mlp_bias", false),
            HiddenAct = Str(c, "hidden_act", "silu"),
            // LlamaConfig defaults bos 1 / eos 2; Qwen2Config sets none.
            BosTokenId = c.ContainsKey("bos_token_id") || qwen ? OptInt(c, "bos_token_id") : 1,
            EosTokenIds = c.ContainsKey("eos_token_id") || qwen ? IntList(c, "eos_token_id") : [2],
            PadTokenId = OptInt(c, "pad_token_id"),
        };
        config.Validate();
        return config;
    }

    static double RopeFactor(JsonObject c)
    {
        if (c["rope_scaling"] is not JsonObject scaling) return 1.0;
        string kind = Str(scaling, "rope_type", Str(scaling, "type", "default"));
        return kind switch
        {
            "default" => 1.0,
            "linear" => Double(scaling, "factor", 1.0),
            _ => throw new ModelConfigException($"rope_scaling type '{kind}' is not supported; supported: default, linear"),
        };
    }

    static readonly VisionConfig Llava15Defaults = new();
    static readonly VisionConfig ClipDefaults = new()
    {
        HiddenSize = 768, IntermediateSize = 3072, NumHiddenLayers = 12, NumAttentionHeads = 12, ImageSize = 224, PatchSize = 32,
    };

    static VisionConfig ReadVision(JsonObject c, VisionConfig d)
    {
        string type = Str(c, "model_type", "clip_vision_model");
        if (type != "clip_vision_model")
            throw new ModelConfigException($"vision model_type '{type}' is not supported; supported: clip_vision_model");
        var config = new VisionConfig
        {
            HiddenSize = Int(c, "hidden_size", d.HiddenSize),
            IntermediateSize = Int(c, "intermediate_size", d.IntermediateSize),
            NumHiddenLayers = Int(c, "num_hidden_layers", d.NumHiddenLayers),
            NumAttentionHeads = Int(c, "num_attention_heads", d.NumAttentionHeads),
            ImageSize = Int(c, "image_size", d.ImageSize),
            PatchSize = Int(c, "patch_size", d.PatchSize),
            NumChannels = Int(c, "num_channels", d.NumChannels),
            HiddenAct = Str(c, "hidden_act", d.HiddenAct),
            LayerNormEps = Double(c, "layer_norm_eps", d.LayerNormEps),
        };
        if (config.PatchSize <= 0 || config.ImageSize % config.PatchSize != 0)
            throw new ModelConfigException($"vision image_size ({config.ImageSize}) must be a multiple of patch_size ({config.PatchSize})");
        return config;
    }

    static T Get<T>(JsonObject c, string key, T fallback)
    {
        var node = c[key];
        if (node is null) return fallback;
        try { return node.GetValue<T>(); }
        catch (Exception e) when (e is InvalidOperationException or FormatException or JsonException)
        {
            throw new ModelConfigException($"'{key}' must be {typeof(T).Name}, found {node.ToJsonString()}", e);
        }
    }

    static int Int(JsonObject c, string key, int fallback) => Get(c, key, fallback);
    static int? OptInt(JsonObject c, string key) => c[key] is null ? null : Int(c, key, 0);
    static bool Bool(JsonObject c, string key, bool fallback) => Get(c, key, fallback);
    static string Str(JsonObject c, string key, string fallback) => Get(c, key, fallback);
    static double Double(JsonObject c, string key, double fallback) => Get(c, key, fallback);

    static IReadOnlyList<int> IntList(JsonObject c, string key) => c[key] switch
    {
        null => [],
        JsonArray a => a.Select(n => n is JsonValue v && v.TryGetValue<int>(out int id)
            ? id
            : throw new ModelConfigException($"'{key}' must be a list of Int32, found {a.ToJsonString()}")).ToArray(),
        _ => [Int(c, key, 0)],
    };
}
