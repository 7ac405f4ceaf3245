namespace Mesh.Shapes.Evaluation;

/// <summary>The one rule for a right answer to a Shapes question, used by <see cref="ShapesEvaluator"/> and the experiments.</summary>
public static class VqaAnswers
{
    /// <summary>
    /// Whether <paramref name="response"/> gives <paramref name="answer"/>: the same word after trimming white space,
    /// ignoring case ("Yes" answers "yes"; an imported model may capitalise what the Shapes words spell in lower case).
    /// </summary>
    public static bool IsCorrect(string response, string answer) =>
        string.Equals(response.Trim(), answer.Trim(), StringComparison.OrdinalIgnoreCase);
}
