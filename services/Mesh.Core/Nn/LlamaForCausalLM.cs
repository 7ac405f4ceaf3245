using Mesh.Core.Decoding;
using Mesh.Core.Loading;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mesh.Core.Nn;

/// <summary>
/// A LLaMA-family causal LM (LLaMA, Vicuna, Qwen2) with a tied or separate LM head. Weights load once
/// and are shared read-only; every call takes the request's <see cref="KvCache"/> and hooks.
/// </summary>
public sealed class LlamaForCausalLM : nn.Module
{
    public readonly LlamaModel model;
    public readonly Linear? lm_head;
    readonly RotaryEmbedding _rotary;

    public LlamaForCausalLM(TextConfig config, ScalarType dtype, Device device) : base(nameof(LlamaForCausalLM))
    {
        Config = config;
        DType = dtype;
        model = new LlamaModel(config, dtype);
        if (!config.TieWordEmbeddings) lm_head = nn.Linear(config.HiddenSize, config.VocabSize, hasBias: false, dtype: dtype);
        _rotary = new RotaryEmbedding(config.HeadDim, config.RopeTheta, config.RopeLinearFactor, device);
        RegisterComponents();
        if (device.type != DeviceType.CPU) this.to(device);
        Device = device;
    }

    public TextConfig Config { get; }
    public ScalarType DType { get; }
    public Device Device { get; }

    /// <summary>A cache for one request holding up to <paramref name="capacity"/> tokens.</summary>
    public KvCache NewCache(int capacity) =>
        new(Config.NumHiddenLayers, Config.NumKeyValueHeads, Config.HeadDim, capacity, DType, Device);

    /// <summary>Token ids [1, T] (int64) -> embeddings [1, T, hidden].</summary>
    public Tensor Embed(Tensor ids) => model.embed_tokens.forward(ids);

    /// <summary>
    /// Runs the new rows <paramref name="inputsEmbeds"/> [1, T, hidden] at <paramref name="positions"/> through
    /// the decoder, appending their K/V to <paramref name="cache"/>. Returns logits [1, T, vocab], or
    /// [1, 1, vocab] for the last row only when <paramref name="allLogits"/> is false.
    /// </summary>
    public Tensor Forward(Tensor inputsEmbeds, long[] positions, KvCache cache, StepPhase phase,
                          IForwardHooks? hooks = null, AttentionPath path = AttentionPath.Auto, bool allLogits = false)
    {
        if (inputsEmbeds.dim() != 3 || inputsEmbeds.shape[0] != 1 || inputsEmbeds.shape[2] != Config.HiddenSize)
            throw new ArgumentException($"inputs_embeds must be [1, T, {Config.HiddenSize}], got [{string.Join(", ", inputsEmbeds.shape)}]");
        if (inputsEmbeds.shape[1] != positions.Length)
            throw new ArgumentException($"{positions.Length} positions given for {inputsEmbeds.shape[1]} rows");
        cache.CheckAppend(positions);

        using var scope = NewDisposeScope();
        long t = positions.Length;
        using var positionTensor = tensor(positions, device: Device);
        var (cos, sin) = _rotary.Angles(positionTensor, DType);
        var ctx = new ForwardContext
        {
            Cache = cache,
            Phase = phase,
            QueryPositions = positions,
            Cos = cos,
            Sin = sin,
            CausalMasks = t > 1
                ? Enumerable.Range(0, cache.Layers).Select(l => (long)cache.LayerLength(l)).Distinct()
                    .ToDictionary(cached => cached, cached => ForwardContext.BuildCausalMask(cached, t, DType, Device))
                : new Dictionary<long, Tensor>(),
            Hooks = hooks,
            Path = path,
        };
        var hidden = model.Forward(inputsEmbeds.to(DType), ctx);            // [1, T, hidden]
        cache.Advance(positions);
        if (!allLogits) hidden = hidden.narrow(1, t - 1, 1);                  // [1, 1, hidden]
        var logits = lm_head is null
            ? nn.functional.linear(hidden, model.embed_tokens.weight!)
            : lm_head.forward(hidden);
        return logits.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The cache-free forward used for training, over sequences packed end to end with no padding:
    /// <paramref name="inputsEmbeds"/> [N, hidden], the flat rows of <paramref name="packing"/>, each sequence at
    /// positions 0, 1, ... under its own causal mask -> final-normed hidden states [N, hidden] (apply
    /// <see cref="LmHead"/> to the rows whose logits are needed). No row reads another sequence. Autograd stays on.
    /// </summary>
    public Tensor ForwardPacked(Tensor inputsEmbeds, PackedSequences packing)
    {
        if (inputsEmbeds.dim() != 2 || inputsEmbeds.shape[0] != packing.Rows || inputsEmbeds.shape[1] != Config.HiddenSize)
            throw new ArgumentException($"inputs_embeds must be [{packing.Rows}, {Config.HiddenSize}] (the packed rows), got [{string.Join(", ", inputsEmbeds.shape)}]");
        using var scope = NewDisposeScope();
        var (cos, sin) = _rotary.Angles(packing.Positions, DType);                          // [N, D] each
        return model.ForwardPacked(inputsEmbeds.to(DType), cos.unsqueeze(1), sin.unsqueeze(1), packing).MoveToOuterDisposeScope();
    }

    /// <summary>Hidden states [..., hidden] -> logits [..., vocab] through the LM head (or the tied embeddings).</summary>
    public Tensor LmHead(Tensor hidden) =>
        lm_head is null ? nn.functional.linear(hidden, model.embed_tokens.weight!) : lm_head.forward(hidden);

    protected override void Dispose(bool disposing)
    {
        if (disposing) _rotary.Dispose();
        base.Dispose(disposing);
    }
}
