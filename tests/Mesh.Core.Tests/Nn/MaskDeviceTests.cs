using Mesh.Core.Decoding;
using Mesh.Core.Interp;
using Mesh.Core.Loading;
using Mesh.Core.Nn;
using static TorchSharp.torch;

namespace Mesh.Core.Tests.Nn;

/// <summary>
/// Knockout and selection masks are made on the model's device, never on the CPU and moved. The meta device (shapes,
/// no data) stands in for a GPU on a CPU-only machine: libtorch refuses to mix it with CPU tensors exactly as with CUDA.
/// </summary>
public sealed class MaskDeviceTests
{
    static readonly Device Meta = new(TorchSharp.DeviceType.META);
    static readonly TokenGroups Groups = new(1, 3, 6);   // prefix 0, image 1..2, instruction 3..5

    static LlamaForCausalLM MetaModel() => new(new TextConfig
    {
        ModelType = "llama", VocabSize = 64, HiddenSize = 32, IntermediateSize = 64, NumHiddenLayers = 2, NumAttentionHeads = 4,
        NumKeyValueHeads = 2, HeadDim = 8, MaxPositionEmbeddings = 64, RmsNormEps = 1e-5, RopeTheta = 10000, TieWordEmbeddings = true,
        QkvBias = false, OutputBias = false, MlpBias = false, HiddenAct = "silu",
    }, float32, Meta);

    [Fact]
    public void HooksMakeTheirMasksOnTheStepsDevice()
    {
        long[] keys = [0, 1, 2, 3, 4, 5, 6];
        var knockout = new KnockoutHooks(AttentionKnockout.ImageToGenerated(LayerScope.All), Groups);
        using var blocked = knockout.AttentionMask(new AttentionStep(0, StepPhase.Decode, [6], keys, Meta))!;
        var selection = new SelectionMaskHooks(new ImageSelection(RankingMethod.Norm, 0.5, [[1L]]), Groups);
        using var masked = selection.AttentionMask(new AttentionStep(0, StepPhase.Decode, [6], keys, Meta))!;
        Assert.Equal((TorchSharp.DeviceType.META, TorchSharp.DeviceType.META), (blocked.device_type, masked.device_type));
    }

    [Fact]
    public void TheEagerPathAppliesKnockoutAndSelectionMasksOnTheModelsDevice()
    {
        using var model = MetaModel();
        using var cache = model.NewCache(8);
        var hooks = new CompositeHooks(new KnockoutHooks(AttentionKnockout.ImageToQueryAndGenerated(LayerScope.All), Groups),
                                       new SelectionMaskHooks(new ImageSelection(RankingMethod.Norm, 0.5, [[1L], [2L]]), Groups));
        using var prompt = zeros([1, 6, 32], device: Meta);
        using var prefill = model.Forward(prompt, [0, 1, 2, 3, 4, 5], cache, StepPhase.Prefill, hooks, AttentionPath.Eager);
        using var token = zeros([1, 1, 32], device: Meta);
        using var decode = model.Forward(token, [6], cache, StepPhase.Decode, hooks, AttentionPath.Eager);
        Assert.Equal(TorchSharp.DeviceType.META, decode.device_type);
        Assert.Equal([1L, 1, 64], decode.shape);
    }
}
