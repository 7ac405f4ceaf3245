using Mesh.Shapes.Scenes;

namespace Mesh.Shapes.Evaluation;

/// <summary>
/// The objects a generated description names, read leniently: every run of three words "size colour kind" counts,
/// wherever it stands and whatever surrounds it, so a description with a broken place phrase or joiner still scores
/// its objects (<see cref="SceneDescription.Parse"/> is the strict reading).
/// </summary>
public static class DescriptionObjects
{
    static readonly Dictionary<string, ObjectSize> Sizes = Enum.GetValues<ObjectSize>().ToDictionary(s => s.Word());
    static readonly Dictionary<string, ShapeColour> Colours = Enum.GetValues<ShapeColour>().ToDictionary(c => c.Word());
    static readonly Dictionary<string, ShapeKind> Kinds = Enum.GetValues<ShapeKind>().ToDictionary(k => k.Word());

    /// <summary>(colour, kind) of every "size colour kind" phrase in <paramref name="text"/>, in order.</summary>
    public static IReadOnlyList<(ShapeColour Colour, ShapeKind Kind)> Extract(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var found = new List<(ShapeColour, ShapeKind)>();
        for (int i = 0; i + 2 < words.Length; i++)
            if (Sizes.ContainsKey(words[i]) && Colours.TryGetValue(words[i + 1], out var colour) && Kinds.TryGetValue(words[i + 2], out var kind))
                found.Add((colour, kind));
        return found;
    }
}

/// <summary>Matched, predicted and true counts of a multiset comparison, and the F1 they give.</summary>
public readonly record struct F1Count(int Matched, int Predicted, int Actual)
{
    public double Precision => Predicted == 0 ? (Actual == 0 ? 1 : 0) : (double)Matched / Predicted;
    public double Recall => Actual == 0 ? 1 : (double)Matched / Actual;
    public double F1 => Predicted + Actual == 0 ? 1 : 2.0 * Matched / (Predicted + Actual);

    public static F1Count operator +(F1Count a, F1Count b) => new(a.Matched + b.Matched, a.Predicted + b.Predicted, a.Actual + b.Actual);

    /// <summary>Counts of <paramref name="predicted"/> against <paramref name="actual"/> as multisets.</summary>
    public static F1Count Of<T>(IEnumerable<T> predicted, IEnumerable<T> actual) where T : notnull
    {
        var left = actual.GroupBy(x => x).ToDictionary(g => g.Key, g => g.Count());
        int matched = 0, count = 0;
        foreach (var item in predicted)
        {
            count++;
            if (left.TryGetValue(item, out int n) && n > 0) { left[item] = n - 1; matched++; }
        }
        return new F1Count(matched, count, actual.Count());
    }
}
