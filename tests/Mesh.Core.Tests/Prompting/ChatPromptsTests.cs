using Mesh.Core.Prompting;
using Mesh.Core.Tests.Tokenization;
using Mesh.Core.Tokenization;

namespace Mesh.Core.Tests.Prompting;

public class ChatPromptsTests
{
    // <unk> 0, <s> 1, </s> 2, <image> 3, a 4, red 5, circle 6, at 7, the 8, top 9, . 10 (":" "USER" unknown -> 0)
    private readonly ITextTokenizer _tokenizer = TokenizerJson.Parse(WordLevelTokenizerJson.Text, bosToken: "<s>", eosToken: "</s>");
    private static readonly ChatTemplate Template = new("top: {image}\n{prompt} the", "</s>a {prompt} .");

    [Fact]
    public void TheImageSpanSitsBetweenTheTemplatesParts()
    {
        var layout = ChatPrompts.Build(_tokenizer, Template, "red circle", imageTokenId: 3, imageSeqLength: 4);
        Assert.Equal([1, 9, 0, 3, 3, 3, 3, 5, 6, 8], layout.InputIds);
        Assert.Equal((3, 7), (layout.ImageStart, layout.ImageEnd));
    }

    [Fact]
    public void WithoutAnImageThePartsJoin()
    {
        var layout = ChatPrompts.Build(_tokenizer, Template, "red circle", imageTokenId: null, imageSeqLength: 4);
        Assert.Equal([1, 9, 0, 5, 6, 8], layout.InputIds);
        Assert.False(layout.HasImage);
    }

    [Fact]
    public void AFollowUpHasNoBos() =>
        Assert.Equal([2, 4, 5, 10], ChatPrompts.FollowUp(_tokenizer, Template, "red"));
}
