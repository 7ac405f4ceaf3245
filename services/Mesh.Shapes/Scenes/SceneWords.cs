namespace Mesh.Shapes.Scenes;

/// <summary>
/// The English words of the Shapes world. Texts are lower case, words separated by single spaces, with no
/// punctuation: Mesh's word-level tokenizer decodes by joining words with spaces, so only such texts come
/// back from decoding exactly as they were written.
/// </summary>
public static class SceneWords
{
    static readonly string[] Numbers = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

    public static string Word(this ShapeKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>"circles", "crosses"...</summary>
    public static string Plural(this ShapeKind kind) => kind == ShapeKind.Cross ? "crosses" : kind.Word() + "s";

    public static string Word(this ShapeColour colour) => colour.ToString().ToLowerInvariant();

    public static string Word(this ObjectSize size) => size.ToString().ToLowerInvariant();

    /// <summary>"zero" to "nine", the answers to counting questions.</summary>
    public static string Number(int count) =>
        count >= 0 && count < Numbers.Length ? Numbers[count] : throw new ArgumentOutOfRangeException(nameof(count), count, "counts are 0 to 9");

    /// <summary>The noun phrase with its indefinite article: "a red circle", "an orange object".</summary>
    public static string WithArticle(string phrase) => ("aeiou".Contains(phrase[0]) ? "an " : "a ") + phrase;

    /// <summary>The short answers to yes/no questions.</summary>
    public const string Yes = "yes", No = "no";

    /// <summary>The instruction that asks for a scene's description.</summary>
    public const string DescribeInstruction = "describe the image";

    /// <summary>Every word a scene with at most <paramref name="maxObjects"/> objects can use in its texts.</summary>
    public static IEnumerable<string> All(int maxObjects) =>
        Enum.GetValues<ShapeKind>().SelectMany(k => new[] { k.Word(), k.Plural() })
            .Concat(Enum.GetValues<ShapeColour>().Select(c => c.Word()))
            .Concat(Enum.GetValues<ObjectSize>().Select(s => s.Word()))
            .Concat(GridCell.All.SelectMany(c => c.Phrase.Split(' ')))
            .Concat(Numbers.Take(maxObjects + 1))
            .Concat(["a", "an", Yes, No, .. DescribeInstruction.Split(' '), .. SceneDescription.Words, .. SceneQuestions.Words])
            .Distinct(StringComparer.Ordinal);
}
