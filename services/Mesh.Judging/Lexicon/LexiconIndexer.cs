namespace Mesh.Judging.Lexicon;

/// <summary>
/// Fills a lexicon's index from its file: object forms, then their plurals, then the non-objects, refusing a
/// malformed phrase and any word sequence that would name two different things.
/// </summary>
internal sealed class LexiconIndexer(LexiconData data, Dictionary<string, ObjectLexicon.Form> forms)
{
    readonly IReadOnlyDictionary<string, string> _irregular = data.IrregularPlurals ?? new Dictionary<string, string>();
    readonly HashSet<string> _attributes = (data.AttributeBeforeNoun ?? []).ToHashSet(StringComparer.Ordinal);

    public void Build()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in data.Objects)
        {
            if (string.IsNullOrWhiteSpace(entry.Name) || !names.Add(entry.Name))
                throw new InvalidDataException($"object name '{entry.Name}' is empty or listed twice; names must be unique");
            if (entry.Forms is not { Count: > 0 })
                throw new InvalidDataException($"object '{entry.Name}' has no forms");
            foreach (var form in entry.Forms)
                Add(Checked(form, entry.Name), new(entry.Name, form, _attributes.Contains(form)));
        }
        foreach (var entry in data.Objects)
            foreach (var form in entry.Forms)
                foreach (var plural in EnglishPlurals.Of(form, _irregular))
                    AddPlural(plural, new(entry.Name, form, false));
        foreach (var phrase in data.NonObjects ?? [])
        {
            Add(Checked(phrase, "nonObjects"), new(null, phrase, false));
            foreach (var plural in EnglishPlurals.Of(phrase, _irregular))
                AddPlural(plural, new(null, phrase, false));
        }
        foreach (var attribute in _attributes.Where(a => !forms.ContainsKey(a) || forms[a].Canonical is null))
            throw new InvalidDataException($"attributeBeforeNoun lists '{attribute}', which is no object form");
    }

    void Add(string phrase, ObjectLexicon.Form form)
    {
        if (forms.TryGetValue(phrase, out var existing))
            throw new InvalidDataException(
                $"'{phrase}' is listed for both '{existing.Canonical ?? "nonObjects"}' and '{form.Canonical ?? "nonObjects"}'; a form names one thing");
        forms[phrase] = form;
    }

    // A plural may equal a listed form of the same object ("skis"); it never overrides a listed form.
    void AddPlural(string plural, ObjectLexicon.Form form)
    {
        if (!forms.TryGetValue(plural, out var existing))
            forms[plural] = form;
        else if (existing.Canonical != form.Canonical)
            throw new InvalidDataException(
                $"the plural '{plural}' of '{form.Singular}' ({form.Canonical ?? "nonObjects"}) is also listed for '{existing.Canonical ?? "nonObjects"}'");
    }

    static string Checked(string phrase, string owner) =>
        ObjectLexicon.PhrasePattern().IsMatch(phrase ?? "") ? phrase!
            : throw new InvalidDataException($"'{phrase}' (in {owner}) is not lower-case words separated by single spaces");
}
