using System.Text.Json.Serialization;

namespace Mesh.Judging.Lexicon;

/// <summary>The JSON of a lexicon file (see the <c>$comment</c> of the embedded <c>objects.json</c>).</summary>
internal sealed record LexiconData(
    [property: JsonPropertyName("objects")] IReadOnlyList<LexiconObject> Objects,
    [property: JsonPropertyName("irregularPlurals")] IReadOnlyDictionary<string, string>? IrregularPlurals,
    [property: JsonPropertyName("nonObjects")] IReadOnlyList<string>? NonObjects,
    [property: JsonPropertyName("attributeBeforeNoun")] IReadOnlyList<string>? AttributeBeforeNoun,
    [property: JsonPropertyName("nounPhraseEnds")] IReadOnlyList<string>? NounPhraseEnds,
    [property: JsonPropertyName("negators")] IReadOnlyList<string>? Negators,
    [property: JsonPropertyName("negationReach")] int NegationReach);

/// <summary>One object category: its canonical name, its world (shapes or coco) and the word sequences naming it.</summary>
internal sealed record LexiconObject(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("world")] string World,
    [property: JsonPropertyName("forms")] IReadOnlyList<string> Forms);
