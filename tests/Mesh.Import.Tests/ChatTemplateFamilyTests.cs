using Mesh.Import;
using Mesh.Core.Loading;
using Mesh.Core.Prompting;

namespace Mesh.Import.Tests;

public sealed class ChatTemplateFamilyTests
{
    static readonly ModelConfig Fixture = ModelConfig.Load(TestPaths.TinyLlava);

    [Fact]
    public void LlamaDecoderGetsLlava15()
    {
        Assert.Same(ChatTemplateFamily.Llava15, ChatTemplateFamily.For(Fixture));
        Assert.Equal(ChatTemplate.Llava15, ChatTemplateFamily.Llava15.Template);
    }

    [Fact]
    public void Qwen2DecoderGetsChatMlWithTheImageBeforeThePrompt()
    {
        var family = ChatTemplateFamily.For(Fixture with { Text = Fixture.Text with { ModelType = "qwen2" } });
        Assert.Same(ChatTemplateFamily.QwenChatMl, family);
        family.Template.Validate();
        var (before, after) = family.Template.Render("what is red?");
        Assert.Equal("<|im_start|>user\n", before);
        Assert.Equal("\nwhat is red?<|im_end|>\n<|im_start|>assistant\n", after);
    }
}
