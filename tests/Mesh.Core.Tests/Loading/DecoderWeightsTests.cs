using Mesh.Core.Decoding;
using Mesh.Core.Loading;
using Mesh.Core.Nn;
using Mesh.Core.Prompting;
using Mesh.Core.Vision;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Mesh.Core.Tests.Loading;

/// <summary>Decoder weights from F16/BF16 checkpoints, a bfloat16 compute dtype, broken checkpoints and Qwen2 q/k/v biases.</summary>
public sealed class DecoderWeightsTests(ITestOutputHelper output)
{
    static readonly string[] SideFiles = ["config.json", "preprocessor_config.json", "vision.onnx", "generation_config.json"];
    static readonly ModelLoadOptions Cpu = new() { Device = ExecutionDevice.Cpu };
    const string UpProj = "language_model.model.layers.2.mlp.up_proj.weight";
    const string Norm = "language_model.model.norm.weight";

    /// <summary>
    /// A copy of the tiny-llava directory whose checkpoint holds every tensor in <paramref name="dtype"/>, minus
    /// <paramref name="drop"/> and with <paramref name="replace"/> substituted.
    /// </summary>
    static TempDirectory CopyFixture(ScalarType dtype, string? drop = null, (string Name, Tensor Value)? replace = null)
    {
        var dir = new TempDirectory();
        foreach (var file in SideFiles) File.Copy(Path.Combine(TestPaths.TinyLlava, file), dir.File(file));
        using var checkpoint = Checkpoint.Open(TestPaths.TinyLlava);
        var tensors = checkpoint.Names.Where(name => name != drop)
            .Select(name => (name, replace is { } r && r.Name == name ? r.Value : checkpoint.LoadTensor(name, dtype)))
            .ToList();
        try
        {
            SafeTensorsWriter.Write(dir.File(Checkpoint.SingleFileName), tensors);
        }
        finally
        {
            foreach (var (_, tensor) in tensors) tensor.Dispose();
        }
        return dir;
    }

    static ImageFeatures ReferenceFeatures(ModelConfig config) =>
        new(Reference.ReadF32(TinyLlavaFixture.ReferenceFile, "image_features"), 1, config.ImageSeqLength, config.Text.HiddenSize);

    static PromptLayout Layout(ModelConfig config) =>
        ImageTokenExpansion.Expand(Reference.ReadI64(TinyLlavaFixture.ReferenceFile, "input_ids"), config.ImageTokenIndex!.Value, config.ImageSeqLength);

    /// <summary>Every prompt position's logits [26 * 384], from the reference image features.</summary>
    static float[] PrefillLogits(VisionLanguageModel model)
    {
        var layout = Layout(model.Config);
        using var embeds = model.EmbedPrompt(layout, ReferenceFeatures(model.Config));
        using var cache = model.Decoder.NewCache(layout.Length);
        using var noGrad = no_grad();
        using var logits = model.Decoder.Forward(embeds, layout.Positions(), cache, StepPhase.Prefill, allLogits: true);
        return logits.to(float32).data<float>().ToArray();
    }

    static int[] GreedyIds(VisionLanguageModel model)
    {
        var layout = Layout(model.Config);
        using var embeds = model.EmbedPrompt(layout, ReferenceFeatures(model.Config));
        return Generation.Generate(model.Decoder, embeds, new GenerationOptions { MaxNewTokens = TinyLlavaFixture.GeneratedTokens }).TokenIds;
    }

    static long[] ReferenceIds => Reference.ReadI64(TinyLlavaFixture.ReferenceFile, "generated_ids");

    // Bound: rounding a weight to a format with unit roundoff u changes it by at most u relative. Along the
    // residual stream there are 2L + 2 rounded stages (the embeddings, attention and MLP of each of the L
    // layers, the tied head); charging each stage one u of the logits' scale gives
    // |logit error| <= (2L + 2) u max|logit| = 10 u * 9.4: 4.6e-2 for F16 (u = 2^-11), 3.7e-1 for BF16 (u = 2^-8).
    // Measured: 1.9e-2 and 2.2e-1. A misread dtype (BF16 bytes taken as F16, say) misses by orders of magnitude.
    [Theory]
    [InlineData(ScalarType.Float16, 11)]
    [InlineData(ScalarType.BFloat16, 8)]
    public void AHalfPrecisionCheckpointComputesCloseToTheFloat32Reference(ScalarType stored, int mantissaBits)
    {
        using var dir = CopyFixture(stored);
        using (var checkpoint = Checkpoint.Open(dir.Path))
            Assert.Equal(stored, checkpoint.Info(Norm).DType.ToScalarType());

        using var model = VisionLanguageModel.Load(dir.Path, Cpu);

        Assert.Equal(float32, model.Decoder.DType);
        var expected = Reference.ReadF32(TinyLlavaFixture.ReferenceFile, "logits");
        var logits = PrefillLogits(model);
        float diff = Reference.MaxAbsDiff(expected, logits);
        float bound = (2 * model.Config.Text.NumHiddenLayers + 2) * MathF.ScaleB(1f, -mantissaBits) * expected.Max(MathF.Abs);
        var ids = GreedyIds(model);
        output.WriteLine($"{stored}: max abs logit difference {diff:E3} (bound {bound:E2}); greedy ids {string.Join(",", ids)}");
        Assert.True(diff > 0, "the weights were rounded, so the logits must move");
        Reference.AssertClose(expected, logits, bound, $"{stored} checkpoint logits");
        // The smallest reference top-1/top-2 margin is 0.118: F16's error leaves every greedy choice standing,
        // BF16's could flip one (it reproduced them all when measured, but nothing guarantees it).
        if (stored == ScalarType.Float16)
            Assert.Equal(ReferenceIds, ids.Select(i => (long)i));
        else
            Assert.Equal(TinyLlavaFixture.GeneratedTokens, ids.Length);
    }

    [Fact]
    public void ABFloat16ComputeDTypeGenerates()
    {
        using var model = VisionLanguageModel.Load(TestPaths.TinyLlava, Cpu with { DType = bfloat16 });

        Assert.Equal(bfloat16, model.Decoder.DType);
        Assert.Equal(bfloat16, model.Decoder.model.embed_tokens.weight!.dtype);
        var ids = GreedyIds(model);
        output.WriteLine($"bfloat16 compute: greedy ids {string.Join(",", ids)}");
        Assert.Equal(TinyLlavaFixture.GeneratedTokens, ids.Length);
        Assert.All(ids, id => Assert.InRange(id, 0, model.Config.Text.VocabSize - 1));
    }

    [Fact]
    public void AMissingTensorIsNamed()
    {
        using var dir = CopyFixture(float32, drop: UpProj);

        var error = Assert.Throws<ModelLoadException>(() => VisionLanguageModel.Load(dir.Path, Cpu));
        Assert.Contains($"missing tensor '{UpProj}'", error.Message);
        Assert.Contains("[128, 64]", error.Message);
    }

    [Fact]
    public void AWrongShapedTensorIsNamed()
    {
        using var dir = CopyFixture(float32, replace: (Norm, ones(65)));

        var error = Assert.Throws<ModelLoadException>(() => VisionLanguageModel.Load(dir.Path, Cpu));
        Assert.Contains($"tensor '{Norm}' has shape [65], the config needs [64]", error.Message);
    }

    static TextConfig Qwen2Config() => ModelConfig.Parse("""
        {"model_type": "qwen2", "vocab_size": 40, "hidden_size": 16, "intermediate_size": 32, "num_hidden_layers": 2,
         "num_attention_heads": 4, "num_key_value_heads": 2, "tie_word_embeddings": false}
        """).Text;

    static float[] Logits(LlamaForCausalLM model)
    {
        long[] positions = [0, 1, 2, 3, 4];
        using var ids = tensor(new long[] { 3, 14, 15, 9, 26 }).view(1, -1);
        using var noGrad = no_grad();
        using var embeds = model.Embed(ids);
        using var cache = model.NewCache(positions.Length);
        using var logits = model.Forward(embeds, positions, cache, StepPhase.Prefill, allLogits: true);
        return logits.data<float>().ToArray();
    }

    [Fact]
    public void ATextOnlyQwen2CheckpointWithQkvBiasRoundTrips()
    {
        var config = Qwen2Config();
        Assert.True(config.QkvBias);
        using var dir = new TempDirectory();
        var path = dir.File("model.safetensors");

        manual_seed(1);
        using var original = new LlamaForCausalLM(config, float32, CPU);
        var names = original.named_parameters().Select(p => p.name).ToList();
        Assert.Contains("model.layers.0.self_attn.q_proj.bias", names);
        Assert.Contains("lm_head.weight", names);
        SafeTensorsWriter.Write(path, original.named_parameters().Select(p => (p.name, (Tensor)p.parameter)));

        manual_seed(2);
        using var reloaded = new LlamaForCausalLM(config, float32, CPU);
        Assert.NotEqual(Logits(original), Logits(reloaded));
        using (var checkpoint = Checkpoint.Open(path))
        {
            Assert.Equal("", DecoderWeights.DetectPrefix(checkpoint));
            DecoderWeights.Load(reloaded, checkpoint, "");
        }
        var logits = Logits(reloaded);
        Assert.Equal(Logits(original), logits);

        // The loaded bias takes part in the forward pass.
        using (no_grad())
            reloaded.model.layers[0].self_attn.q_proj.bias!.add_(1.0);
        Assert.True(Reference.MaxAbsDiff(logits, Logits(reloaded)) > 1e-3f, "changing q_proj.bias must change the logits");
    }
}
