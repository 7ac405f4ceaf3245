using Mesh.Core.Loading;

namespace Mesh.Import;

/// <summary>How a Hugging Face LLaVA checkpoint names its tensors.</summary>
public enum LlavaLayout
{
    /// <summary>transformers before 4.52 (llava-hf checkpoints): <c>language_model.model.*</c>, <c>vision_tower.*</c>, <c>multi_modal_projector.*</c>.</summary>
    Legacy,

    /// <summary>transformers 4.52 and later: <c>model.language_model.*</c>, <c>model.vision_tower.*</c>, <c>model.multi_modal_projector.*</c>, <c>lm_head.*</c>.</summary>
    Nested,
}

/// <summary>Maps the legacy names Mesh writes (docs/design.md section 3) to a source checkpoint's names.</summary>
public static class LlavaKeyLayout
{
    static readonly (string Legacy, string Nested)[] Prefixes =
    [
        ("language_model.model.", "model.language_model."),
        ("language_model.lm_head.", "lm_head."),
        ("vision_tower.", "model.vision_tower."),
        ("multi_modal_projector.", "model.multi_modal_projector."),
    ];

    public static LlavaLayout Detect(Checkpoint checkpoint) =>
        checkpoint.Names.Any(n => n.StartsWith("model.language_model.", StringComparison.Ordinal) || n.StartsWith("model.vision_tower.", StringComparison.Ordinal))
            ? LlavaLayout.Nested
            : LlavaLayout.Legacy;

    /// <summary>The source name of the legacy name <paramref name="legacy"/>.</summary>
    public static string ToSource(string legacy, LlavaLayout layout)
    {
        if (layout == LlavaLayout.Legacy) return legacy;
        foreach (var (from, to) in Prefixes)
            if (legacy.StartsWith(from, StringComparison.Ordinal)) return to + legacy[from.Length..];
        return legacy;
    }
}
