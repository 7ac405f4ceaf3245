using Mesh.Judging.Lexicon;
using Mesh.Judging.Llm;
using Mesh.ServiceDefaults.Hosting;
using Microsoft.Extensions.Options;

namespace Mesh.Judge;

/// <summary>Loads the lexicon judge (for <see cref="ModelHost{TModel}"/>); readiness also says whether an LLM judge is configured.</summary>
public sealed class LexiconLoader(IOptions<LlmJudgeOptions> llm) : IModelLoader<LexiconJudge>
{
    public string Service => "the judge";

    public string Source => "the built-in object lexicon";

    public Task<LexiconJudge> LoadAsync(CancellationToken cancellationToken) => Task.FromResult(new LexiconJudge(ObjectLexicon.Default));

    public string Describe(LexiconJudge judge)
    {
        var lexicon = ObjectLexicon.Default;
        string llmState = llm.Value.IsConfigured ? $"LLM judge {llm.Value.Model} at {llm.Value.Endpoint}" : "no LLM judge configured";
        return $"lexicon of {lexicon.Objects.Count} objects ({lexicon.FormCount} forms) loaded; {llmState}";
    }
}
