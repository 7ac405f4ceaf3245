namespace Mesh.Judging.Llm;

/// <summary>
/// The LLM judge could not give a verdict: the endpoint could not be reached, refused the request, or replied with
/// something that holds no readable verdict. The message says which, and what to check.
/// </summary>
public sealed class LlmJudgeException(string message, Exception? inner = null) : Exception(message, inner);
