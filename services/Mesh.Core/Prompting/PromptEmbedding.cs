using Mesh.Core.Nn;
using Mesh.Core.Vision;
using static TorchSharp.torch;

namespace Mesh.Core.Prompting;

/// <summary>Merges token embeddings and image features into the decoder's input, as LLaVA does.</summary>
public static class PromptEmbedding
{
    /// <summary>
    /// [1, T, hidden]: <c>embed_tokens(ids)</c> with rows [ImageStart, ImageEnd) replaced, in order, by the
    /// projector output (the image-token id itself is never looked up, so it may lie outside the vocabulary).
    /// </summary>
    public static Tensor Embed(LlamaForCausalLM decoder, PromptLayout layout, ImageFeatures? image)
    {
        long vocab = decoder.Config.VocabSize;
        if (layout.ImageStart < 0 || layout.ImageEnd < layout.ImageStart || layout.ImageEnd > layout.Length)
            throw new ArgumentException($"image span [{layout.ImageStart}, {layout.ImageEnd}) does not lie within the prompt's {layout.Length} tokens");
        var ids = (long[])layout.InputIds.Clone();
        for (int i = layout.ImageStart; i < layout.ImageEnd; i++) ids[i] = 0;
        foreach (long id in ids)
            if (id < 0 || id >= vocab) throw new ArgumentException($"token id {id} is outside the vocabulary [0, {vocab})");
        if (layout.HasImage != image is not null)
            throw new ArgumentException(layout.HasImage ? "the prompt has an image span but no image features were given"
                                                        : "image features were given for a prompt without an image span");

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var embeds = decoder.Embed(tensor(ids, device: decoder.Device).view(1, -1));          // [1, T, hidden]
        if (image is not null)
        {
            if (image.Batch != 1 || image.Tokens != layout.ImageTokenCount || image.Dim != decoder.Config.HiddenSize)
                throw new ArgumentException($"image features are [{image.Batch}, {image.Tokens}, {image.Dim}]; the prompt needs " +
                                            $"[1, {layout.ImageTokenCount}, {decoder.Config.HiddenSize}]");
            var features = tensor(image.Data, device: decoder.Device).view(1, image.Tokens, image.Dim).to(embeds.dtype);
            embeds.narrow(1, layout.ImageStart, layout.ImageTokenCount).copy_(features);
        }
        return embeds.MoveToOuterDisposeScope();
    }
}
