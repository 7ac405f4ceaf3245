using System.Text.Json;
using System.Text.RegularExpressions;

namespace Mesh.Judging.Lexicon;

/// <summary>
/// The object vocabulary of the lexicon judge: every word sequence (singular and plural) that names a physical
/// object, mapped to its canonical name, and the phrases that name none. Read from a JSON file (by default the
/// embedded <c>objects.json</c>: the Shapes world's shapes and the 80 COCO categories); immutable and thread-safe.
/// </summary>
public sealed partial class ObjectLexicon
{
    /// <summary>One indexed word sequence: the object it names (null for a non-object) and its singular form.</summary>
    internal sealed record Form(string? Canonical, string Singular, bool AttributeBeforeNoun);

    const string ResourceName = "Mesh.Judging.Lexicon.objects.json";
    static readonly Lazy<ObjectLexicon> Embedded = new(LoadEmbedded);

    readonly Dictionary<string, Form> _forms = new(StringComparer.Ordinal);

    ObjectLexicon(LexiconData data)
    {
        Objects = [.. data.Objects.Select(o => o.Name)];
        NounPhraseEnds = (data.NounPhraseEnds ?? []).ToHashSet(StringComparer.Ordinal);
        Negators = (data.Negators ?? []).ToHashSet(StringComparer.Ordinal);
        NegationReach = data.NegationReach;
        new LexiconIndexer(data, _forms).Build();
        MaxWords = _forms.Keys.Max(k => k.Count(c => c == ' ') + 1);
    }

    /// <summary>The lexicon shipped with Mesh (loaded once).</summary>
    public static ObjectLexicon Default => Embedded.Value;

    /// <summary>Canonical names of every object, in file order.</summary>
    public IReadOnlyList<string> Objects { get; }

    /// <summary>Number of indexed word sequences (forms, plurals and non-objects).</summary>
    public int FormCount => _forms.Count;

    /// <summary>Words in the longest indexed sequence.</summary>
    internal int MaxWords { get; }

    internal IReadOnlySet<string> NounPhraseEnds { get; }

    internal IReadOnlySet<string> Negators { get; }

    internal int NegationReach { get; }

    internal bool TryGet(string phrase, out Form form) => _forms.TryGetValue(phrase, out form!);

    /// <summary>The canonical object that <paramref name="phrase"/> (lower case, single spaces) names, or null.</summary>
    public string? CanonicalOf(string phrase) => _forms.TryGetValue(phrase, out var form) ? form.Canonical : null;

    /// <summary>The physical objects <paramref name="text"/> names, in order, with repeats (see <see cref="ObjectExtractor"/>).</summary>
    public IReadOnlyList<NamedObject> Extract(string text) => new ObjectExtractor(this).Extract(text);

    /// <summary>Reads and checks a lexicon file; throws <see cref="InvalidDataException"/> naming what is wrong.</summary>
    public static ObjectLexicon Load(Stream json)
    {
        LexiconData? data;
        try
        {
            data = JsonSerializer.Deserialize<LexiconData>(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"the lexicon is not valid JSON: {e.Message}", e);
        }
        if (data?.Objects is not { Count: > 0 })
            throw new InvalidDataException("the lexicon has no objects; it needs an \"objects\" list of {name, world, forms}");
        if (data.NegationReach is < 1 or > 10)
            throw new InvalidDataException($"negationReach is {data.NegationReach}; allowed: 1 to 10 words");
        return new ObjectLexicon(data);
    }

    static ObjectLexicon LoadEmbedded()
    {
        using var stream = typeof(ObjectLexicon).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Mesh.Core was built without its {ResourceName} resource");
        return Load(stream);
    }

    [GeneratedRegex("^[a-z]+( [a-z]+)*$")]
    internal static partial Regex PhrasePattern();
}
