using Mesh.Core.Loading;
using Mesh.Core.Nn;
using Mesh.Core.Vision.Clip;
using TorchSharp;
using static TorchSharp.torch;

namespace Mesh.Shapes.Training;

/// <summary>
/// The whole trainable model: the CLIP tower and projector (<see cref="LlavaImageEncoder"/>) and the LLaMA decoder,
/// float32 on the CPU, every parameter trainable. <see cref="NamedParameters"/> gives the Hugging Face LLaVA names
/// (<c>vision_tower.*</c>, <c>multi_modal_projector.*</c>, <c>language_model.*</c>) used by checkpoints and model.safetensors.
/// </summary>
public sealed class ShapesVlm : IDisposable
{
    ShapesVlm(ModelConfig config, LlavaImageEncoder encoder, LlamaForCausalLM decoder) =>
        (Config, Encoder, Decoder) = (config, encoder, decoder);

    public ModelConfig Config { get; }
    public LlavaImageEncoder Encoder { get; }
    public LlamaForCausalLM Decoder { get; }

    static readonly Lock Seeding = new();

    /// <summary>
    /// A freshly initialised model: torch's global generator is seeded with <paramref name="seed"/> first, so the
    /// weights depend on it alone (as long as no other thread draws from that generator meanwhile).
    /// </summary>
    public static ShapesVlm Create(ModelConfig config, ulong seed)
    {
        lock (Seeding) return Initialise(config, seed);
    }

    static ShapesVlm Initialise(ModelConfig config, ulong seed)
    {
        random.manual_seed((long)seed);
        var encoder = new LlavaImageEncoder(config, float32, CPU);
        var decoder = new LlamaForCausalLM(config.Text, float32, CPU);
        var model = new ShapesVlm(config, encoder, decoder);
        if (config.Text.TieWordEmbeddings)
        {
            // torch's N(0, 1) embeddings as the LM head would give logits of standard deviation sqrt(hidden) against
            // the final RMSNorm's unit rows; std 1/sqrt(hidden) starts them near 1, as the untied head's init does.
            using var _ = no_grad();
            decoder.model.embed_tokens.weight!.normal_(0.0, 1.0 / Math.Sqrt(config.Text.HiddenSize));
        }
        foreach (var (_, parameter) in model.NamedParameters())
            parameter.requires_grad = true; // RmsNorm weights start frozen for inference
        model.Train(true);
        return model;
    }

    /// <summary>Every parameter under its Hugging Face LLaVA name, in a fixed order.</summary>
    public IReadOnlyList<(string Name, TorchSharp.Modules.Parameter Parameter)> NamedParameters() =>
        [.. Encoder.named_parameters(), .. Decoder.named_parameters().Select(p => (DecoderWeights.LlavaPrefix + p.name, p.parameter))];

    public long ParameterCount => NamedParameters().Sum(p => p.Parameter.numel());

    /// <summary>Training mode on or off (no module here uses dropout; kept for clarity and future layers).</summary>
    public void Train(bool on)
    {
        Encoder.train(on);
        Decoder.train(on);
    }

    /// <summary>Copies every tensor of <paramref name="checkpoint"/> into the parameters (names and shapes checked first).</summary>
    public void LoadWeights(Checkpoint checkpoint)
    {
        ModuleWeights.Load(Encoder, checkpoint, "", trainable: true);
        ModuleWeights.Load(Decoder, checkpoint, DecoderWeights.LlavaPrefix, trainable: true);
    }

    public void Dispose()
    {
        Encoder.Dispose();
        Decoder.Dispose();
    }
}
