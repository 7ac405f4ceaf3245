using System.Globalization;
using Mesh.Core.Scenes;

namespace Mesh.Cli.Commands;

/// <summary>
/// <c>--mix description=0.3,question=0.4,follow-up=0.1,text-only=0.2</c>: relative weights of the training sample
/// kinds. A kind left out gets weight 0; at least one weight must be positive.
/// </summary>
public static class TrainingMixArgument
{
    static readonly string[] Names = ["description", "question", "follow-up", "text-only", "conversation"];

    public static string Allowed => string.Join(", ", Names);

    /// <summary>The mix written in <paramref name="text"/>; throws <see cref="FormatException"/> naming what is wrong and what is allowed.</summary>
    public static TrainingMixOptions Parse(string text)
    {
        var weights = new Dictionary<string, double>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var pair = part.Split('=', StringSplitOptions.TrimEntries);
            if (pair.Length != 2)
                throw new FormatException($"--mix: '{part}' is not KIND=WEIGHT (kinds: {Allowed})");
            string name = pair[0].ToLowerInvariant();
            if (!Names.Contains(name))
                throw new FormatException($"--mix: unknown sample kind '{pair[0]}' (kinds: {Allowed})");
            if (!double.TryParse(pair[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double weight) || !double.IsFinite(weight) || weight < 0)
                throw new FormatException($"--mix: the weight of {name} is '{pair[1]}'; weights are finite numbers >= 0");
            if (!weights.TryAdd(name, weight))
                throw new FormatException($"--mix: {name} is given twice");
        }
        var mix = new TrainingMixOptions
        {
            Description = weights.GetValueOrDefault("description"), Question = weights.GetValueOrDefault("question"),
            FollowUp = weights.GetValueOrDefault("follow-up"), TextOnly = weights.GetValueOrDefault("text-only"),
            Conversation = weights.GetValueOrDefault("conversation"),
        };
        if (weights.Values.Sum() <= 0)
            throw new FormatException($"--mix: '{text}' gives no kind a positive weight (kinds: {Allowed})");
        return mix;
    }
}
