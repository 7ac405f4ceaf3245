using static TorchSharp.torch;

namespace Mesh.Core.Training;

/// <summary>The training objective: mean next-token cross-entropy over the target tokens of a batch.</summary>
public static class ShapesLoss
{
    /// <summary>A scalar loss with autograd attached (the caller owns it).</summary>
    public static Tensor Compute(ShapesVlm model, TrainingBatch batch)
    {
        using var scope = NewDisposeScope();
        long b = batch.Ids.shape[0], t = batch.Ids.shape[1];
        var embeds = model.Decoder.Embed(batch.Ids);                                   // [B, T, hidden]
        if (batch.Pixels is not null)
        {
            var features = model.Encoder.forward(batch.Pixels);                         // [I, N, hidden]
            // Image rows are filled in row-major order: sample by sample, token by token, as the features lie.
            embeds = embeds.masked_scatter(batch.ImageRows.unsqueeze(-1), features);    // [B, T, hidden]
        }
        var hidden = model.Decoder.ForwardTraining(embeds);                            // [B, T, hidden]
        var rows = hidden.reshape(b * t, -1).index_select(0, batch.PredictingRows);    // [N, hidden]
        var logits = model.Decoder.LmHead(rows);                                       // [N, vocab]
        return nn.functional.cross_entropy(logits, batch.Targets).MoveToOuterDisposeScope();
    }
}
