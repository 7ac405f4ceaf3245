using static TorchSharp.torch;

namespace Mesh.Shapes.Training;

/// <summary>
/// The training objective: mean next-token cross-entropy over the target tokens of a batch (or, with
/// <see cref="TargetAveraging.Sample"/>, over samples of each sample's mean), plus, with a
/// <c>patchWordWeight</c> above 0, that weight times the patch-word loss, which ties each image token (the
/// projector's output, as the decoder receives it) to the words that name what its patch shows
/// (<see cref="ShapesWorld.PatchWords"/>: size, colour and kind, optionally its cell's words, or the pad word for
/// background): <see cref="PatchWordTarget.Readout"/> reads the token through the decoder's input embedding table as
/// if it were a word and asks it to be each of its words (mean cross-entropy over the words given);
/// <see cref="PatchWordTarget.Embedding"/> asks it to point the way of the sum of its words' input embeddings
/// (1 - cosine; the embeddings are not moved by it).
/// Either way image tokens lie in the space of the words that name what they show, so that a question's word can
/// find them as it finds the same word in a text. Patches an object only clips are left out.
/// </summary>
public static class ShapesLoss
{
    /// <summary>A scalar loss with autograd attached (the caller owns it).</summary>
    public static Tensor Compute(ShapesVlm model, TrainingBatch batch, double patchWordWeight = 0,
                                 PatchWordTarget target = PatchWordTarget.Readout, TargetAveraging averaging = TargetAveraging.Token)
    {
        using var scope = NewDisposeScope();
        var embeds = model.Decoder.Embed(batch.Ids);                                   // [N, hidden]
        Tensor? features = null;
        if (batch.Pixels is not null)
        {
            features = model.Encoder.forward(batch.Pixels);                             // [I, N, hidden]
            // Image rows are filled in row-major order: sample by sample, token by token, as the features lie.
            embeds = embeds.masked_scatter(batch.ImageRows.unsqueeze(-1), features);    // [N, hidden]
        }
        var hidden = model.Decoder.ForwardPacked(embeds, batch.Packing);               // [N, hidden]
        var rows = hidden.index_select(0, batch.PredictingRows);                       // [R, hidden]
        var logits = model.Decoder.LmHead(rows);                                       // [R, vocab]
        var loss = averaging == TargetAveraging.Token
            ? nn.functional.cross_entropy(logits, batch.Targets)
            : (nn.functional.cross_entropy(logits, batch.Targets, reduction: nn.Reduction.None) * batch.SampleMeanWeights).sum();
        if (patchWordWeight > 0 && features is not null && batch.PatchWords is not null)
            loss = loss + PatchWords(model, features, batch.PatchWords, target) * patchWordWeight;
        return loss.MoveToOuterDisposeScope();
    }

    static Tensor PatchWords(ShapesVlm model, Tensor features, Tensor words, PatchWordTarget target)
    {
        var shown = words[.., 0].ne(ShapesWorld.NoWord).nonzero().squeeze(1);        // [P] patches with targets
        if (shown.numel() == 0) return zeros(1, dtype: features.dtype).squeeze();
        var tokens = features.reshape(-1, features.shape[^1]).index_select(0, shown);  // [P, hidden]
        var ids = words.index_select(0, shown);                                        // [P, W]
        var given = ids.ne(ShapesWorld.NoWord);                                        // [P, W] slots holding a word
        var safe = ids.masked_fill(given.logical_not(), 0);                            // empty slots read any id, then masked
        var table = model.Decoder.model.embed_tokens.weight!;                          // [vocab, hidden]
        if (target == PatchWordTarget.Embedding)
        {
            var each = table.detach().index_select(0, safe.flatten()).view(ids.shape[0], ids.shape[1], -1); // [P, W, hidden]
            var sum = (each * given.unsqueeze(-1)).sum(1);                             // [P, hidden]
            return (1 - nn.functional.cosine_similarity(tokens, sum, dim: 1)).mean();
        }
        var asWords = nn.functional.log_softmax(nn.functional.linear(tokens, table), 1); // [P, vocab]
        return -(asWords.gather(1, safe) * given).sum() / given.sum();                  // every given word alike
    }
}

/// <summary>How the next-token loss averages over a batch's target tokens.</summary>
public enum TargetAveraging
{
    /// <summary>Every target token alike: a description's thirty-odd tokens outweigh a short answer's two or three.</summary>
    Token,
    /// <summary>Each sample's mean over its own targets, then the mean over samples: an answer weighs as much as a description.</summary>
    Sample,
}

/// <summary>What the patch-word loss asks of an image token (see <see cref="ShapesLoss"/>).</summary>
public enum PatchWordTarget { Readout, Embedding }
