using Mesh.Judging.Lexicon;

namespace Mesh.Judging.Tests.Lexicon;

public class ObjectExtractorTests
{
    static string[] Objects(string text) => [.. ObjectLexicon.Default.Extract(text).Select(o => o.Canonical).Distinct()];

    [Theory]
    [InlineData("a large red circle at the top left and a small blue square in the center", new[] { "circle", "square" })]
    [InlineData("A man rides a bike past two dogs.", new[] { "person", "bicycle", "dog" })]
    [InlineData("Three people and a woman's umbrella", new[] { "person", "umbrella" })]
    [InlineData("a hot dog next to a traffic light", new[] { "hot dog", "traffic light" })]
    [InlineData("a hot-dog stand", new[] { "hot dog" })]
    [InlineData("a teddy bear on a bed", new[] { "teddy bear", "bed" })]
    [InlineData("people wait at a bus stop", new[] { "person" })]
    [InlineData("a tennis player swings a tennis racket at a tennis ball", new[] { "person", "tennis racket", "sports ball" })]
    [InlineData("a baseball player holds a baseball bat", new[] { "person", "baseball bat" })]
    [InlineData("two small green triangles and a yellow star", new[] { "triangle", "star" })]
    public void FindsObjectsBySynonymPluralAndLongestPhrase(string text, string[] expected) => Assert.Equal(expected, Objects(text));

    [Fact]
    public void NonObjectsAreIgnored() =>
        Assert.Empty(Objects("under a cloudy sky, on a wet road, in a bright kitchen with soft lighting and rainy weather"));

    [Theory]
    [InlineData("an orange circle", new[] { "circle" })]
    [InlineData("an orange on the table", new[] { "orange", "dining table" })]
    [InlineData("two oranges", new[] { "orange" })]
    [InlineData("a square table", new[] { "dining table" })]
    [InlineData("a small orange square", new[] { "square" })]
    [InlineData("a square and an orange.", new[] { "square", "orange" })]
    public void WordsThatAreAlsoAdjectivesNameObjectsOnlyAtTheEndOfANounPhrase(string text, string[] expected) =>
        Assert.Equal(expected, Objects(text));

    [Theory]
    [InlineData("there is no dog", new string[0])]
    [InlineData("no large red circle, but a square", new[] { "square" })]
    [InlineData("a man without an umbrella and a dog", new[] { "person", "dog" })]
    [InlineData("a cat with no collar next to a dog", new[] { "cat", "dog" })]
    public void NegatedObjectsAreNotInTheText(string text, string[] expected) => Assert.Equal(expected, Objects(text));

    [Fact]
    public void EveryMentionIsReportedWithItsSingularWords()
    {
        var found = ObjectLexicon.Default.Extract("Men and puppies; a DOG.");
        Assert.Equal([("person", "man"), ("dog", "puppy"), ("dog", "dog")], found.Select(o => (o.Canonical, o.Surface)));
    }

    [Fact]
    public void EmptyAndPunctuationOnlyTextsNameNothing()
    {
        Assert.Empty(Objects(""));
        Assert.Empty(Objects(" ,;.!? 42 "));
    }
}
