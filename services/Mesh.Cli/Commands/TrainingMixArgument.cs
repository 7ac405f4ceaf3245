using System.Globalization;
using System.Text.Json;
using Mesh.Shapes.Scenes;

namespace Mesh.Cli.Commands;

/// <summary>
/// <c>--mix description=0.3,question=0.4,follow-up=0.1,text-only=0.2</c>: relative weights of the training sample
/// kinds. A kind left out gets weight 0; at least one weight must be positive.
/// </summary>
public static class TrainingMixArgument
{
    // The kinds by their command-line names, in SampleKind's order: FollowUp -> "follow-up".
    static readonly Dictionary<string, SampleKind> Kinds =
        Enum.GetValues<SampleKind>().ToDictionary(k => JsonNamingPolicy.KebabCaseLower.ConvertName(k.ToString()));

    public static string Allowed => string.Join(", ", Kinds.Keys);

    /// <summary>The mix written in <paramref name="text"/>; throws <see cref="FormatException"/> naming what is wrong and what is allowed.</summary>
    public static TrainingMixOptions Parse(string text)
    {
        var weights = new Dictionary<SampleKind, double>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var pair = part.Split('=', StringSplitOptions.TrimEntries);
            if (pair.Length != 2)
                throw new FormatException($"--mix: '{part}' is not KIND=WEIGHT (kinds: {Allowed})");
            string name = pair[0].ToLowerInvariant();
            if (!Kinds.TryGetValue(name, out var kind))
                throw new FormatException($"--mix: unknown sample kind '{pair[0]}' (kinds: {Allowed})");
            if (!double.TryParse(pair[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double weight) || !double.IsFinite(weight) || weight < 0)
                throw new FormatException($"--mix: the weight of {name} is '{pair[1]}'; weights are finite numbers >= 0");
            if (!weights.TryAdd(kind, weight))
                throw new FormatException($"--mix: {name} is given twice");
        }
        if (weights.Values.Sum() <= 0)
            throw new FormatException($"--mix: '{text}' gives no kind a positive weight (kinds: {Allowed})");
        return TrainingMixOptions.From(weights.GetValueOrDefault);
    }
}
