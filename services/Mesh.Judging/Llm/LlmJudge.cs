namespace Mesh.Judging.Llm;

/// <summary>
/// The paper's judge (docs/paper.md section 4): the step-by-step protocol of <see cref="JudgePrompt"/> sent to a chat
/// model, its verdict read by <see cref="LlmReplyParser"/>. The scores are computed here from the verdict's lists
/// (or counts), never taken from the model's own arithmetic. Throws <see cref="LlmJudgeException"/> when no
/// verdict can be had.
/// </summary>
public sealed class LlmJudge(ChatCompletionsClient chat) : IJudge
{
    /// <inheritdoc />
    public JudgeKind Kind => JudgeKind.Llm;

    /// <inheritdoc />
    public async Task<JudgeResult> CompareAsync(string reference, string candidate, CancellationToken cancellationToken = default)
    {
        // Two empty texts name no objects: the verdict is certain (F1 = 1) and needs no model.
        if (string.IsNullOrWhiteSpace(reference) && string.IsNullOrWhiteSpace(candidate))
            return ObjectMatching.Match([], []);
        string reply = await chat.CompleteAsync(JudgePrompt.System, JudgePrompt.User(reference, candidate), cancellationToken);
        return LlmReplyParser.Parse(reply);
    }
}
