using Mesh.Judging;
using Mesh.Judging.Llm;

namespace Mesh.Judging.Tests.Llm;

public class ReplyItemsTests
{
    [Theory]
    [InlineData("man ~ person", "man", "person")]
    [InlineData("  \"Man\" -> Person. ", "man", "person")]
    [InlineData("bike → bicycle", "bike", "bicycle")]
    [InlineData("cat (kitten)", "cat", "kitten")]
    [InlineData("**traffic light**", "traffic light", "traffic light")]
    [InlineData("t-shirt", "t-shirt", "t-shirt")]
    public void ReadsNamesAndPairs(string item, string reference, string candidate) =>
        Assert.Equal(new ObjectPair(reference, candidate), ReplyItems.Pair(item));

    [Theory]
    [InlineData("none")]
    [InlineData("N/A")]
    [InlineData(" - ")]
    [InlineData("\"\"")]
    public void NoneMeansNoItem(string item) => Assert.Null(ReplyItems.Pair(item));

    [Fact]
    public void ListsSplitOnCommasAndSemicolonsInsideBrackets() =>
        Assert.Equal(["dog", "cat", "hot dog"], ReplyItems.FromList("[dog, cat; hot dog]").Select(p => p.Reference));
}
