using Mesh.Core.Loading;

namespace Mesh.Core.Tests.Loading;

/// <summary>config.json parsing: the fixture's values, transformers' defaults for missing keys, and rejected configs.</summary>
public class ModelConfigTests
{
    static ModelConfig Fixture() => ModelConfig.Load(TestPaths.TinyLlava);

    static ModelConfigException Rejects(string json) => Assert.Throws<ModelConfigException>(() => ModelConfig.Parse(json));

    [Fact]
    public void TheFixtureConfigParsesToItsValues()
    {
        var config = Fixture();

        Assert.Equal("llava", config.ModelType);
        Assert.True(config.IsMultimodal);
        var text = config.Text;
        Assert.Equal(("llama", 384, 64, 128), (text.ModelType, text.VocabSize, text.HiddenSize, text.IntermediateSize));
        Assert.Equal((4, 4, 2, 16, 2), (text.NumHiddenLayers, text.NumAttentionHeads, text.NumKeyValueHeads, text.HeadDim, text.KvGroups));
        Assert.Equal((256, 1e-5, 10000.0, 1.0), (text.MaxPositionEmbeddings, text.RmsNormEps, text.RopeTheta, text.RopeLinearFactor));
        Assert.True(text.TieWordEmbeddings);
        Assert.False(text.QkvBias || text.OutputBias || text.MlpBias);
        Assert.Equal(new[] { 2 }, text.EosTokenIds);
        Assert.Equal((1, 0), (text.BosTokenId, text.PadTokenId));

        var vision = config.Vision!;
        Assert.Equal((32, 8, 4, 16), (vision.ImageSize, vision.PatchSize, vision.GridSide, vision.NumPatches));
        Assert.Equal((64, 128, 3, 4, "quick_gelu"), (vision.HiddenSize, vision.IntermediateSize, vision.NumHiddenLayers, vision.NumAttentionHeads, vision.HiddenAct));
        Assert.Equal(320, config.ImageTokenIndex);
        Assert.Equal(16, config.ImageSeqLength);
        Assert.Equal((-2, "default", "gelu"), (config.VisionFeatureLayer, config.VisionFeatureSelectStrategy, config.ProjectorHiddenAct));
        Assert.Null(config.Mesh);
    }

    [Fact]
    public void AMinimalLlavaConfigGetsTheLlamaAndLlava15VisionDefaults()
    {
        var config = ModelConfig.Parse("""{"model_type": "llava"}""");

        var text = config.Text;
        Assert.Equal(("llama", 32000, 4096, 11008), (text.ModelType, text.VocabSize, text.HiddenSize, text.IntermediateSize));
        Assert.Equal((32, 32, 32, 128), (text.NumHiddenLayers, text.NumAttentionHeads, text.NumKeyValueHeads, text.HeadDim));
        Assert.Equal((2048, 1e-6, 10000.0), (text.MaxPositionEmbeddings, text.RmsNormEps, text.RopeTheta));
        Assert.False(text.TieWordEmbeddings);
        Assert.False(text.QkvBias || text.OutputBias || text.MlpBias);
        // LlamaConfig's own token defaults.
        Assert.Equal(1, text.BosTokenId);
        Assert.Equal(new[] { 2 }, text.EosTokenIds);
        Assert.Null(text.PadTokenId);

        // LlavaConfig builds this CLIP tower when vision_config is absent (LLaVA-1.5's ViT-L/14-336).
        var vision = config.Vision!;
        Assert.Equal((336, 14, 24, 1024, 4096, 16), (vision.ImageSize, vision.PatchSize, vision.NumHiddenLayers, vision.HiddenSize, vision.IntermediateSize, vision.NumAttentionHeads));
        Assert.Equal(576, config.ImageSeqLength);
        Assert.Equal(32000, config.ImageTokenIndex);
        Assert.Equal(-2, config.VisionFeatureLayer);
    }

    [Fact]
    public void APartialVisionConfigGetsClipVisionConfigDefaults()
    {
        // transformers builds CLIPVisionConfig(**vision_config): its own defaults (ViT-B/32), not LLaVA-1.5's.
        var config = ModelConfig.Parse("""{"model_type": "llava", "vision_config": {"model_type": "clip_vision_model", "hidden_size": 64}}""");

        var vision = config.Vision!;
        Assert.Equal(64, vision.HiddenSize);
        Assert.Equal((224, 32, 12, 3072, 12), (vision.ImageSize, vision.PatchSize, vision.NumHiddenLayers, vision.IntermediateSize, vision.NumAttentionHeads));
        Assert.Equal(49, config.ImageSeqLength);
    }

    [Fact]
    public void ATextOnlyLlamaConfigHasNoVision()
    {
        var config = ModelConfig.Parse("""
            {"model_type": "llama", "vocab_size": 100, "hidden_size": 32, "intermediate_size": 48, "num_hidden_layers": 2,
             "num_attention_heads": 4, "num_key_value_heads": 1, "eos_token_id": [2, 7], "attention_bias": true, "mlp_bias": true}
            """);

        Assert.Equal("llama", config.ModelType);
        Assert.False(config.IsMultimodal);
        Assert.Null(config.Vision);
        Assert.Null(config.ImageTokenIndex);
        var text = config.Text;
        Assert.Equal((100, 32, 2, 4, 1, 8, 4), (text.VocabSize, text.HiddenSize, text.NumHiddenLayers, text.NumAttentionHeads, text.NumKeyValueHeads, text.HeadDim, text.KvGroups));
        Assert.Equal(new[] { 2, 7 }, text.EosTokenIds);
        Assert.True(text.QkvBias && text.OutputBias && text.MlpBias);
    }

    [Fact]
    public void Qwen2HasQkvBiasNoOutputBiasAndItsOwnDefaults()
    {
        var config = ModelConfig.Parse("""
            {"model_type": "qwen2", "hidden_size": 64, "num_attention_heads": 4, "num_key_value_heads": 2, "head_dim": 32,
             "attention_bias": false, "mlp_bias": true}
            """);

        var text = config.Text;
        Assert.Equal("qwen2", text.ModelType);
        Assert.True(text.QkvBias);
        Assert.False(text.OutputBias);
        Assert.False(text.MlpBias);
        Assert.Equal(151936, text.VocabSize);
        Assert.Equal(22016, text.IntermediateSize);
        Assert.Equal(32768, text.MaxPositionEmbeddings);
        Assert.Equal(16, text.HeadDim);   // hidden / heads: Qwen2 ignores head_dim
        Assert.False(text.TieWordEmbeddings);
        Assert.Null(text.BosTokenId);     // Qwen2Config sets no token defaults
        Assert.Empty(text.EosTokenIds);
    }

    [Fact]
    public void LinearRopeScalingIsRead()
    {
        var config = ModelConfig.Parse("""{"model_type": "llama", "rope_scaling": {"type": "linear", "factor": 4.0}, "rope_theta": 500000}""");
        Assert.Equal(4.0, config.Text.RopeLinearFactor);
        Assert.Equal(500000.0, config.Text.RopeTheta);

        var newStyle = ModelConfig.Parse("""{"model_type": "llama", "rope_scaling": {"rope_type": "linear", "factor": 2}}""");
        Assert.Equal(2.0, newStyle.Text.RopeLinearFactor);
    }

    [Theory]
    [InlineData("""{"model_type": "llama", "rope_scaling": {"type": "dynamic", "factor": 2.0}}""", "rope_scaling type 'dynamic'")]
    [InlineData("""{"model_type": "mistral"}""", "model_type 'mistral' is not supported")]
    [InlineData("""{"model_type": "llava", "text_config": {"model_type": "gemma"}}""", "text model_type 'gemma'")]
    [InlineData("""{"model_type": "llava", "vision_config": {"model_type": "siglip_vision_model"}}""", "vision model_type 'siglip_vision_model'")]
    [InlineData("""{"model_type": "qwen2", "use_sliding_window": true}""", "use_sliding_window")]
    [InlineData("""{"model_type": "llama", "hidden_size": "big"}""", "'hidden_size' must be Int32")]
    [InlineData("""{"model_type": "llama", "eos_token_id": [2, "x"]}""", "'eos_token_id'")]
    [InlineData("""{"model_type": "llama", "num_attention_heads": 6, "num_key_value_heads": 4}""", "num_attention_heads (6) must be a positive multiple of num_key_value_heads (4)")]
    [InlineData("""{"model_type": "llava", "vision_feature_select_strategy": "cls"}""", "vision_feature_select_strategy 'cls'")]
    [InlineData("""{"model_type": "llama", "hidden_act": "gelu"}""", "hidden_act 'gelu'")]
    [InlineData("""[1, 2]""", "not a JSON object")]
    public void UnsupportedOrInvalidConfigsAreRejectedByName(string json, string expected)
    {
        var error = Rejects(json);
        Assert.Contains(expected, error.Message);
        Assert.StartsWith("config.json: ", error.Message);
    }

    [Fact]
    public void MalformedJsonIsAConfigError()
    {
        var error = Rejects("""{"model_type": "llava",""");
        Assert.Contains("invalid JSON", error.Message);
    }

    [Fact]
    public void LoadNamesTheFileInItsErrors()
    {
        using var dir = new TempDirectory();
        var path = dir.File("config.json");
        File.WriteAllText(path, """{"model_type": "llama", "num_hidden_layers": 2.5}""");

        var error = Assert.Throws<ModelConfigException>(() => ModelConfig.Load(dir.Path));
        Assert.Contains(path, error.Message);
        Assert.Contains("num_hidden_layers", error.Message);

        var missing = Assert.Throws<ModelConfigException>(() => ModelConfig.Load(dir.File("absent")));
        Assert.Contains("absent", missing.Message);
    }

    [Fact]
    public void ParameterCountEqualsTheCheckpointsDecoderTensors()
    {
        using var checkpoint = Checkpoint.Open(TestPaths.TinyLlava);
        long stored = checkpoint.Names
            .Where(name => name.StartsWith(DecoderWeights.LlavaPrefix, StringComparison.Ordinal))
            .Sum(name => checkpoint.Info(name).Shape.Aggregate(1L, (n, d) => n * d));

        Assert.False(checkpoint.Contains(DecoderWeights.LlavaPrefix + "lm_head.weight"));
        Assert.Equal(stored, Fixture().Text.ParameterCount());
    }

    [Fact]
    public void ParameterCountAddsAnUntiedHeadAndBiases()
    {
        var tied = Fixture().Text;
        var untied = tied with { TieWordEmbeddings = false };
        var biased = tied with { QkvBias = true, OutputBias = true };

        Assert.Equal(384L * 64, untied.ParameterCount() - tied.ParameterCount());
        Assert.Equal(4L * (64 + 2 * 32 + 64), biased.ParameterCount() - tied.ParameterCount());
    }
}
