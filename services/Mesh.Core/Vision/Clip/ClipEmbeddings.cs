using Mesh.Core.Loading;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mesh.Core.Vision.Clip;

/// <summary>
/// CLIP patch embeddings: a strided convolution without bias cuts the image into patches (row by row),
/// a learned class embedding is put in front, and a learned position embedding is added to every row.
/// </summary>
public sealed class ClipEmbeddings : nn.Module<Tensor, Tensor>
{
    readonly VisionConfig _config;
    public readonly Parameter class_embedding;
    public readonly Conv2d patch_embedding;
    public readonly Embedding position_embedding;

    public ClipEmbeddings(VisionConfig config, ScalarType dtype) : base(nameof(ClipEmbeddings))
    {
        _config = config;
        long hidden = config.HiddenSize;
        // Hugging Face's CLIP initialisation for the two embeddings (the checkpoint overwrites both).
        class_embedding = new Parameter(randn(hidden, dtype: dtype) * Math.Pow(hidden, -0.5));
        patch_embedding = nn.Conv2d(config.NumChannels, hidden, config.PatchSize, stride: config.PatchSize, bias: false, dtype: dtype);
        position_embedding = nn.Embedding(config.NumPatches + 1, hidden, dtype: dtype);
        using (no_grad()) position_embedding.weight!.normal_(0, 0.02);
        RegisterComponents();
    }

    /// <summary>pixel_values [B, C, S, S] (S = image_size) -> embeddings [B, 1 + patches, hidden].</summary>
    public override Tensor forward(Tensor pixelValues)
    {
        int size = _config.ImageSize;
        if (pixelValues.dim() != 4 || pixelValues.shape[1] != _config.NumChannels || pixelValues.shape[2] != size || pixelValues.shape[3] != size)
            throw new ArgumentException(
                $"pixel_values must be [batch, {_config.NumChannels}, {size}, {size}], got [{string.Join(", ", pixelValues.shape)}]");
        using var scope = NewDisposeScope();
        long batch = pixelValues.shape[0];
        var patches = patch_embedding.forward(pixelValues.to(class_embedding.dtype)); // [B, D, g, g]
        patches = patches.flatten(2).transpose(1, 2);                               // [B, g*g, D]
        var cls = class_embedding.expand(batch, 1, -1);                             // [B, 1, D]
        var embeddings = cat([cls, patches], 1).add(position_embedding.weight!, Nn.Scalars.One);       // [B, 1+g*g, D]
        return embeddings.MoveToOuterDisposeScope();
    }
}
