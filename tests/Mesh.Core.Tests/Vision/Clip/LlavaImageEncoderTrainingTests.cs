using Mesh.Core.Loading;
using Mesh.Core.Vision.Clip;
using TorchSharp;
using static TorchSharp.torch;

namespace Mesh.Core.Tests.Vision.Clip;

/// <summary>The tower is trainable: gradients reach every parameter that takes part, and optimiser steps lower a loss.</summary>
public sealed class LlavaImageEncoderTrainingTests
{
    static readonly ModelConfig Fixture = ModelConfig.Load(TestPaths.TinyLlava);

    [Fact]
    public void AdamStepsChangeTheWeightsAndLowerTheLoss()
    {
        random.manual_seed(11);
        using var encoder = new LlavaImageEncoder(Fixture, float32, CPU);
        using var scope = NewDisposeScope();
        var pixels = randn(2, 3, 32, 32);
        var target = randn(2, 16, 64);
        var before = encoder.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().clone());
        var optimizer = optim.Adam(encoder.parameters(), lr: 1e-3);

        double first = 0, last = 0;
        for (int step = 0; step < 25; step++)
        {
            optimizer.zero_grad();
            var loss = nn.functional.mse_loss(encoder.forward(pixels), target);
            loss.backward();
            optimizer.step();
            last = loss.item<float>();
            if (step == 0) first = last;
        }

        Assert.True(last < 0.8 * first, $"loss went from {first:F4} to {last:F4}");
        foreach (var name in new[]
                 {
                     "vision_tower.vision_model.embeddings.class_embedding",
                     "vision_tower.vision_model.embeddings.patch_embedding.weight",
                     "vision_tower.vision_model.embeddings.position_embedding.weight",
                     "vision_tower.vision_model.encoder.layers.0.self_attn.q_proj.weight",
                     "vision_tower.vision_model.encoder.layers.1.mlp.fc2.bias",
                     "multi_modal_projector.linear_1.weight",
                 })
        {
            var after = encoder.named_parameters().Single(p => p.name == name).parameter;
            Assert.False(after.allclose(before[name]), $"{name} did not change");
        }
    }

    [Fact]
    public void GradientsReachTheUsedLayersOnly()
    {
        using var encoder = new LlavaImageEncoder(Fixture, float32, CPU);
        using var scope = NewDisposeScope();
        nn.functional.mse_loss(encoder.forward(randn(1, 3, 32, 32)), zeros(1, 16, 64)).backward();
        foreach (var (name, parameter) in encoder.named_parameters())
        {
            // vision_feature_layer -2 reads the output of layer 1: layer 2 and post_layernorm take no part.
            bool used = !name.Contains("layers.2.") && !name.Contains("post_layernorm");
            Assert.True(used == parameter.grad is not null, $"{name}: gradient {(parameter.grad is null ? "missing" : "unexpected")}");
        }
    }

    [Fact]
    public void LoadedWeightsStayTrainableOrFrozenAsAsked()
    {
        using var checkpoint = Checkpoint.Open(TestPaths.TinyLlava);
        foreach (bool trainable in new[] { true, false })
        {
            using var encoder = new LlavaImageEncoder(Fixture, float32, CPU);
            LlavaImageEncoderWeights.Load(encoder, checkpoint, trainable);
            Assert.All(encoder.parameters(), p => Assert.Equal(trainable, p.requires_grad));
        }
    }
}
