using Mesh.Core.Loading;
using Mesh.Core.Prompting;

namespace Mesh.Import;

/// <summary>
/// A known LLaVA family's conversation format, recognised from the config's structure (never from a file or
/// checkpoint name): the chat and follow-up templates <c>mesh import</c> writes into the <c>mesh</c> section.
/// </summary>
public sealed record ChatTemplateFamily(string Name, ChatTemplate Template)
{
    /// <summary>LLaVA-1.5 and kin on a LLaMA/Vicuna decoder (USER: ... ASSISTANT:).</summary>
    public static ChatTemplateFamily Llava15 { get; } = new("llava-1.5", ChatTemplate.Llava15);

    /// <summary>LLaVA on a Qwen2 decoder (llava-interleave-qwen): ChatML turns.</summary>
    public static ChatTemplateFamily QwenChatMl { get; } = new("llava-qwen2 (ChatML)", new ChatTemplate(
        "<|im_start|>user\n{image}\n{prompt}<|im_end|>\n<|im_start|>assistant\n",
        "<|im_end|>\n<|im_start|>user\n{prompt}<|im_end|>\n<|im_start|>assistant\n"));

    /// <summary>The family of <paramref name="config"/>: by its decoder type (the only part whose format differs).</summary>
    public static ChatTemplateFamily For(ModelConfig config) => config.Text.ModelType switch
    {
        "qwen2" => QwenChatMl,
        _ => Llava15,
    };
}
