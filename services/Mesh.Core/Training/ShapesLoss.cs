using static TorchSharp.torch;

namespace Mesh.Core.Training;

/// <summary>
/// The training objective: mean next-token cross-entropy over the target tokens of a batch, plus, with a
/// <c>patchWordWeight</c> above 0, that weight times the patch-word loss. The patch-word loss reads each image token
/// (the projector's output, as the decoder receives it) through the decoder's input embedding table as if it were a
/// word, and asks it to be the colour word and the kind word of the object its patch shows (the mean of the two
/// cross-entropies over the patches that show one): image tokens then lie in the space of the words that name what
/// they show, so a question's word can find them as it finds the same word in a text.
/// </summary>
public static class ShapesLoss
{
    /// <summary>A scalar loss with autograd attached (the caller owns it).</summary>
    public static Tensor Compute(ShapesVlm model, TrainingBatch batch, double patchWordWeight = 0)
    {
        using var scope = NewDisposeScope();
        long b = batch.Ids.shape[0], t = batch.Ids.shape[1];
        var embeds = model.Decoder.Embed(batch.Ids);                                   // [B, T, hidden]
        Tensor? features = null;
        if (batch.Pixels is not null)
        {
            features = model.Encoder.forward(batch.Pixels);                             // [I, N, hidden]
            // Image rows are filled in row-major order: sample by sample, token by token, as the features lie.
            embeds = embeds.masked_scatter(batch.ImageRows.unsqueeze(-1), features);    // [B, T, hidden]
        }
        var hidden = model.Decoder.ForwardTraining(embeds);                            // [B, T, hidden]
        var rows = hidden.reshape(b * t, -1).index_select(0, batch.PredictingRows);    // [N, hidden]
        var logits = model.Decoder.LmHead(rows);                                       // [N, vocab]
        var loss = nn.functional.cross_entropy(logits, batch.Targets);
        if (patchWordWeight > 0 && features is not null && batch.PatchColours is not null && batch.PatchKinds is not null)
            loss = loss + PatchWords(model, features, batch.PatchColours, batch.PatchKinds) * patchWordWeight;
        return loss.MoveToOuterDisposeScope();
    }

    static Tensor PatchWords(ShapesVlm model, Tensor features, Tensor colours, Tensor kinds)
    {
        var shown = colours.ne(ShapesWorld.NoWord).nonzero().squeeze(1);               // [P] patches that show an object
        if (shown.numel() == 0) return zeros(1, dtype: features.dtype).squeeze();
        var tokens = features.reshape(-1, features.shape[^1]).index_select(0, shown);  // [P, hidden]
        var asWords = nn.functional.linear(tokens, model.Decoder.model.embed_tokens.weight!); // [P, vocab]
        return (nn.functional.cross_entropy(asWords, colours.index_select(0, shown)) +
                nn.functional.cross_entropy(asWords, kinds.index_select(0, shown))) * 0.5;
    }
}
