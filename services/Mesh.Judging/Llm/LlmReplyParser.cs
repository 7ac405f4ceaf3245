using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mesh.Judging.Llm;

/// <summary>
/// Reads a verdict from a chat model's reply, however it came: the last JSON object in the reply that gives TP,
/// FN and FP (in a fenced block or bare, keys in any common spelling, lists or counts), and failing that the
/// last labelled lists ("False negatives: frisbee, jacket") of <see cref="LabelledListParser"/>.
/// </summary>
public static class LlmReplyParser
{
    static readonly JsonDocumentOptions Lenient = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>The verdict of <paramref name="reply"/>; throws <see cref="LlmJudgeException"/> when it holds none.</summary>
    public static JudgeResult Parse(string reply)
    {
        foreach (var json in JsonObjects(reply).Reverse())
            if (FromJson(json) is { IsComplete: true } verdict)
                return verdict.ToResult();
        if (LabelledListParser.Parse(reply) is { IsComplete: true } labelled)
            return labelled.ToResult();
        throw new LlmJudgeException(
            "the judge model's reply holds neither a JSON object with true_positives, false_negatives and false_positives nor " +
            $"labelled TP / FN / FP lists: {(reply.Length <= 300 ? reply : reply[..300] + "...")}");
    }

    static VerdictFields? FromJson(string text)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text, documentOptions: Lenient);
        }
        catch (JsonException)
        {
            return null;
        }
        if (root is not JsonObject obj) return null;
        var verdict = new VerdictFields();
        foreach (var (key, value) in obj)
        {
            if (VerdictFields.FieldOf(key) is not { } field) continue;
            switch (value)
            {
                case JsonValue number when number.TryGetValue<int>(out int count):
                    verdict.SetCount(field, count);
                    break;
                case JsonValue words when words.TryGetValue<string>(out var list):
                    verdict.SetList(field, ReplyItems.FromList(list));
                    break;
                case JsonArray items:
                    verdict.SetList(field, items.Select(Item).OfType<ObjectPair>());
                    break;
                case null:
                    verdict.SetList(field, []);
                    break;
            }
        }
        return verdict;
    }

    // An item: "dog", "man ~ person", {"reference": "man", "candidate": "person"} or ["man", "person"].
    static ObjectPair? Item(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => ReplyItems.Pair(text),
        JsonArray { Count: 2 } pair => ReplyItems.Pair(Text(pair[0]), Text(pair[1])),
        JsonObject obj => ReplyItems.Pair(
            Text(obj.FirstOrDefault(p => p.Key.StartsWith("ref", StringComparison.OrdinalIgnoreCase)).Value),
            Text(obj.FirstOrDefault(p => p.Key.StartsWith("cand", StringComparison.OrdinalIgnoreCase)).Value)),
        _ => null,
    };

    static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>Every top-level balanced <c>{...}</c> span of <paramref name="text"/>, braces inside JSON strings ignored.</summary>
    internal static IEnumerable<string> JsonObjects(string text)
    {
        for (int start = text.IndexOf('{'); start >= 0; start = text.IndexOf('{', start + 1))
        {
            int depth = 0;
            bool inString = false;
            for (int i = start; i < text.Length; i++)
            {
                char c = text[i];
                if (inString)
                {
                    if (c == '\\') i++;
                    else if (c == '"') inString = false;
                }
                else if (c == '"') inString = true;
                else if (c == '{') depth++;
                else if (c == '}' && --depth == 0)
                {
                    yield return text[start..(i + 1)];
                    start = i;
                    break;
                }
            }
        }
    }
}
