using Mesh.Core.Loading;
using Mesh.Core.Prompting;

namespace Mesh.Core.Tests.Prompting;

public class ChatTemplateTests
{
    static ModelConfig WithMesh(string mesh) => ModelConfig.Parse($$"""{"model_type": "llama", "mesh": {{mesh}}}""");

    [Fact]
    public void Llava15RendersTheTextBeforeAndAfterTheImage()
    {
        var (before, after) = ChatTemplate.Llava15.Render("What is in the picture?");

        Assert.Equal("USER: ", before);
        Assert.Equal("\nWhat is in the picture? ASSISTANT:", after);
    }

    [Fact]
    public void ATemplateWithoutAnImagePutsEverythingBefore()
    {
        var template = new ChatTemplate("Q: {prompt}\nA:", "Q: {prompt}\nA:");

        Assert.Equal(("Q: hi\nA:", ""), template.Render("hi"));
    }

    [Fact]
    public void AnImagePlaceholderTypedByTheUserStaysText()
    {
        var imageLast = new ChatTemplate("{prompt} {image}", "{prompt}");
        Assert.Equal(("describe {image} here ", ""), imageLast.Render("describe {image} here"));

        var textOnly = new ChatTemplate("Q: {prompt}", "{prompt}");
        Assert.Equal(("Q: a {image} b", ""), textOnly.Render("a {image} b"));
    }

    [Fact]
    public void AConfigWithoutAMeshSectionGetsLlava15()
    {
        Assert.Equal(ChatTemplate.Llava15, ChatTemplate.For(ModelConfig.Load(TestPaths.TinyLlava)));
    }

    [Fact]
    public void TheMeshSectionChoosesTheTemplates()
    {
        var template = ChatTemplate.For(WithMesh("""{"chat_template": "<|user|>{image}{prompt}<|end|>", "follow_up_template": "<|user|>{prompt}<|end|>"}"""));

        Assert.Equal(new ChatTemplate("<|user|>{image}{prompt}<|end|>", "<|user|>{prompt}<|end|>"), template);
        Assert.Equal(("<|user|>", "look<|end|>"), template.Render("look"));
    }

    [Fact]
    public void AMissingTemplateFallsBackToLlava15Separately()
    {
        var onlyFollowUp = ChatTemplate.For(WithMesh("""{"follow_up_template": "Q: {prompt}"}"""));
        Assert.Equal(new ChatTemplate(ChatTemplate.Llava15.Template, "Q: {prompt}"), onlyFollowUp);

        var onlyMain = ChatTemplate.For(WithMesh("""{"chat_template": "{image} {prompt}"}"""));
        Assert.Equal(new ChatTemplate("{image} {prompt}", ChatTemplate.Llava15.FollowUp), onlyMain);
    }

    [Theory]
    [InlineData("""{"chat_template": "USER: {image} ASSISTANT:"}""", "must contain {prompt}")]
    [InlineData("""{"chat_template": "{image}{image}{prompt}"}""", "at most one {image}")]
    [InlineData("""{"follow_up_template": "USER: ASSISTANT:"}""", "follow-up template must contain {prompt}")]
    [InlineData("""{"chat_template": 7}""", "mesh.chat_template must be a string")]
    public void InvalidTemplatesAreRejected(string mesh, string expected)
    {
        var error = Assert.Throws<ModelConfigException>(() => ChatTemplate.For(WithMesh(mesh)));
        Assert.Contains(expected, error.Message);
    }
}
