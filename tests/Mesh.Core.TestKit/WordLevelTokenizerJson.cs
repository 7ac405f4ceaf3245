namespace Mesh.Core.TestKit;

/// <summary>A tokenizer.json of the WordLevel kind with eleven words, for tokenizer and training-set tests.</summary>
public static class WordLevelTokenizerJson
{
    public const string Text = """
        {
          "version": "1.0",
          "added_tokens": [
            {"id": 0, "content": "<unk>", "special": true},
            {"id": 1, "content": "<s>", "special": true},
            {"id": 2, "content": "</s>", "special": true},
            {"id": 3, "content": "<image>", "special": true}
          ],
          "pre_tokenizer": {"type": "Whitespace"},
          "model": {
            "type": "WordLevel",
            "vocab": {"<unk>": 0, "<s>": 1, "</s>": 2, "<image>": 3, "a": 4, "red": 5, "circle": 6, "at": 7, "the": 8, "top": 9, ".": 10},
            "unk_token": "<unk>"
          }
        }
        """;
}
