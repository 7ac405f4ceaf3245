using System.Text.RegularExpressions;

namespace Mesh.Judging.Lexicon;

/// <summary>
/// Step 1 of docs/paper.md section 4 over a lexicon: reads a text left to right and, at each word, takes the longest
/// word sequence the lexicon knows ("hot dog" before "dog", "bus stop" before "bus"). A non-object phrase is
/// skipped whole; a form that is also an adjective ("orange", "square") names an object only at the end of a
/// noun phrase; an object within reach after a negator ("no", "without") is not in the text. Counts and other
/// attributes are not in the lexicon, so "two large dogs" reads as dog.
/// </summary>
internal sealed partial class ObjectExtractor(ObjectLexicon lexicon)
{
    /// <summary>A word (lower case) or a punctuation mark, which ends any phrase.</summary>
    readonly record struct Token(string Text, bool IsWord);

    public IReadOnlyList<NamedObject> Extract(string text)
    {
        var tokens = Tokenize(text);
        var found = new List<NamedObject>();
        for (int i = 0; i < tokens.Count;)
        {
            if (!tokens[i].IsWord || !TryLongest(tokens, i, out var form, out int length))
            {
                i++;
                continue;
            }
            int next = i + length;
            bool attribute = form.AttributeBeforeNoun && next < tokens.Count && tokens[next].IsWord
                             && !lexicon.NounPhraseEnds.Contains(tokens[next].Text);
            if (form.Canonical is not null && !attribute && !Negated(tokens, i))
                found.Add(new NamedObject(form.Canonical, form.Singular));
            i = next;
        }
        return found;
    }

    bool TryLongest(List<Token> tokens, int start, out ObjectLexicon.Form form, out int length)
    {
        int words = 0; // consecutive words from start, at most the longest phrase
        while (words < lexicon.MaxWords && start + words < tokens.Count && tokens[start + words].IsWord) words++;
        for (length = words; length >= 1; length--)
            if (lexicon.TryGet(string.Join(' ', tokens.Skip(start).Take(length).Select(t => t.Text)), out form)) return true;
        form = null!;
        return false;
    }

    // A negator within reach before the object, with no punctuation or phrase-ending word between ("no red circle").
    bool Negated(List<Token> tokens, int start)
    {
        for (int i = start - 1; i >= Math.Max(0, start - lexicon.NegationReach); i--)
        {
            if (tokens[i].IsWord && lexicon.Negators.Contains(tokens[i].Text)) return true;
            if (!tokens[i].IsWord || lexicon.NounPhraseEnds.Contains(tokens[i].Text)) return false;
        }
        return false;
    }

    static List<Token> Tokenize(string text)
    {
        string lower = Possessive().Replace(text.ToLowerInvariant().Replace('\u2019', '\''), "");
        return [.. TokenPattern().Matches(lower).Select(m => new Token(m.Value, char.IsAsciiLetter(m.Value[0])))];
    }

    // Letters make words; hyphens, digits and spaces only separate them ("hot-dog" reads as "hot dog").
    [GeneratedRegex(@"[a-z]+|[.,;:!?()\[\]""]")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"'s\b")]
    private static partial Regex Possessive();
}
