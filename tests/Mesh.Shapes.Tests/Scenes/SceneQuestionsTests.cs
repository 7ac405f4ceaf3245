using System.Text.RegularExpressions;
using Mesh.Shapes.Scenes;

namespace Mesh.Shapes.Tests.Scenes;

/// <summary>Every generated answer checked against the object list by an independent reading of the question.</summary>
public class SceneQuestionsTests
{
    static readonly Scene[] Scenes = [.. Enumerable.Range(0, 1000).Select(i => new SceneGenerator().Generate((ulong)i))];

    [Fact]
    public void EveryAnswerFollowsFromTheObjects()
    {
        foreach (var scene in Scenes)
            foreach (var qa in scene.Questions)
                Assert.True(Answer(qa, scene.Objects) == qa.Answer, $"seed {scene.Seed}: '{qa.Question}' -> '{qa.Answer}', objects: {scene.Description}");
    }

    [Fact]
    public void EverySceneIsAskedEveryCategoryAndExistenceIsBalanced()
    {
        foreach (var scene in Scenes)
        {
            var existence = scene.Questions.Where(q => q.Category == QuestionCategory.Existence).Select(q => q.Answer);
            Assert.Equal([SceneWords.Yes, SceneWords.No], existence);
            Assert.Contains(scene.Questions, q => q.Category == QuestionCategory.Count);
        }
        // Position questions need an object named without its cell; two identical objects alone have none.
        Assert.True(Scenes.Count(s => s.Questions.Any(q => q.Category == QuestionCategory.Position)) > 990);
    }

    [Theory]
    [InlineData(QuestionCategory.Colour)]
    [InlineData(QuestionCategory.Shape)]
    [InlineData(QuestionCategory.Position)]
    public void YesAndNoAreAboutEquallyLikely(QuestionCategory category)
    {
        var answers = Scenes.SelectMany(s => s.Questions).Where(q => q.Category == category && q.IsYesNo).Select(q => q.Answer).ToArray();
        Assert.True(answers.Length > 990);
        Assert.InRange(answers.Count(a => a == SceneWords.Yes) / (double)answers.Length, 0.45, 0.55);
    }

    [Fact]
    public void CountsRangeFromZeroToFour()
    {
        var counts = Scenes.SelectMany(s => s.Questions).Where(q => q.Category == QuestionCategory.Count).Select(q => q.Answer).ToHashSet();
        Assert.Equal(["zero", "one", "two", "three", "four"], Enumerable.Range(0, 5).Select(SceneWords.Number).Where(counts.Contains));
    }

    [Fact]
    public void QuestionsUseTheRightArticle()
    {
        var questions = Scenes.SelectMany(s => s.Questions).Select(q => q.Question).ToArray();
        Assert.Contains(questions, q => q.Contains("is there an orange"));
        Assert.DoesNotContain(questions, q => q.Contains(" a orange") || q.Contains(" an red"));
    }

    static string Answer(QuestionAnswer qa, IReadOnlyList<SceneObject> objects)
    {
        Match m;
        string YesNo(bool yes) => yes ? SceneWords.Yes : SceneWords.No;
        SceneObject The(string phrase)
        {
            var matching = objects.Where(Reference(phrase)).ToArray();
            Assert.True(matching.Length == 1, $"'the {phrase}' fits {matching.Length} objects");
            return matching[0];
        }
        if ((m = Regex.Match(qa.Question, "^is there an? (.+)$")).Success)
            return YesNo(objects.Any(Reference(m.Groups[1].Value)));
        if ((m = Regex.Match(qa.Question, "^how many (.+) are there$")).Success)
            return SceneWords.Number(objects.Count(Reference(m.Groups[1].Value)));
        if ((m = Regex.Match(qa.Question, "^what colour is the (.+)$")).Success)
            return The(m.Groups[1].Value).Colour.Word();
        if ((m = Regex.Match(qa.Question, "^what shape is the (.+)$")).Success)
            return The(m.Groups[1].Value).Kind.Word();
        if ((m = Regex.Match(qa.Question, "^where is the (.+)$")).Success)
            return The(m.Groups[1].Value).Cell.Name;
        m = Regex.Match(qa.Question, "^is the (.+) (" + string.Join('|', GridCell.All.Select(c => c.Phrase)) + ")$");
        if (qa.Category == QuestionCategory.Position && m.Success)
            return YesNo(The(m.Groups[1].Value).Cell.Phrase == m.Groups[2].Value);
        if (qa.Category == QuestionCategory.Shape && (m = Regex.Match(qa.Question, "^is the (.+) an? (\\w+)$")).Success)
            return YesNo(The(m.Groups[1].Value).Kind.Word() == m.Groups[2].Value);
        if (qa.Category == QuestionCategory.Colour && (m = Regex.Match(qa.Question, "^is the (.+) (\\w+)$")).Success)
            return YesNo(The(m.Groups[1].Value).Colour.Word() == m.Groups[2].Value);
        throw new Xunit.Sdk.XunitException($"unexpected {qa.Category} question '{qa.Question}'");
    }

    [Fact]
    public void EachQuestionSaysWhatItNamesItsObjectBy()
    {
        var seen = new HashSet<ReferenceParts>();
        foreach (var qa in Scenes.SelectMany(s => s.Questions))
        {
            var (size, colour, kind, cell) = Parse(ObjectPhrase(qa));
            var expected = (size is null ? 0 : ReferenceParts.Size) | (colour is null ? 0 : ReferenceParts.Colour) |
                           (kind is null ? 0 : ReferenceParts.Kind) | (cell is null ? 0 : ReferenceParts.Cell);
            Assert.True(expected == qa.NamedBy, $"'{qa.Question}' names its object by {expected}, not {qa.NamedBy}");
            seen.Add(qa.NamedBy);
        }
        Assert.Superset(new HashSet<ReferenceParts> { ReferenceParts.None, ReferenceParts.Cell, ReferenceParts.Colour | ReferenceParts.Kind | ReferenceParts.Size }, seen);
    }

    // The phrase naming the object(s) a question asks about: "red circle" in "is there a red circle" and in "is the red circle at the top".
    static string ObjectPhrase(QuestionAnswer qa)
    {
        string cells = string.Join('|', GridCell.All.Select(c => c.Phrase));
        string[] patterns = qa.Category switch
        {
            QuestionCategory.Existence => ["^is there an? (.+)$"],
            QuestionCategory.Count => ["^how many (.+) are there$"],
            QuestionCategory.Colour => ["^what colour is the (.+)$", "^is the (.+) \\w+$"],
            QuestionCategory.Shape => ["^what shape is the (.+)$", "^is the (.+) an? \\w+$"],
            _ => ["^where is the (.+)$", $"^is the (.+) ({cells})$"],
        };
        return patterns.Select(p => Regex.Match(qa.Question, p)).First(m => m.Success).Groups[1].Value;
    }

    // "[size] [colour] kind|kinds|object|objects [cell phrase]" as a test on objects.
    static Func<SceneObject, bool> Reference(string phrase)
    {
        var (size, colour, kind, cell) = Parse(phrase);
        return o => (size is null || o.Size == size) && (colour is null || o.Colour == colour) && (kind is null || o.Kind == kind) && (cell is null || o.Cell == cell);
    }

    static (ObjectSize? Size, ShapeColour? Colour, ShapeKind? Kind, GridCell? Cell) Parse(string phrase)
    {
        var words = new Queue<string>(phrase.Split(' '));
        ObjectSize? size = Enum.GetValues<ObjectSize>().Cast<ObjectSize?>().FirstOrDefault(s => s!.Value.Word() == words.Peek());
        if (size is not null) words.Dequeue();
        ShapeColour? colour = Enum.GetValues<ShapeColour>().Cast<ShapeColour?>().FirstOrDefault(c => c!.Value.Word() == words.Peek());
        if (colour is not null) words.Dequeue();
        string noun = words.Dequeue();
        ShapeKind? kind = noun is "object" or "objects" ? null
            : Enum.GetValues<ShapeKind>().Single(k => k.Word() == noun || k.Plural() == noun);
        string rest = string.Join(' ', words);
        GridCell? cell = rest == "" ? null : GridCell.All.Single(c => c.Phrase == rest);
        return (size, colour, kind, cell);
    }
}
