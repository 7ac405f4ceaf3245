using System.CommandLine;
using System.Globalization;
using Mesh.Contracts.Common.V1;

namespace Mesh.Cli.Commands;

/// <summary>
/// A layer set as written on the command line (docs/paper.md section 3): <c>all</c>; a window <c>4-20</c>; a list
/// <c>3,5,7</c>; several windows <c>0-3,10-12</c>; "from layer l" <c>from:4</c> (layers 5 .. L-1); "every layer outside
/// [a, b]" <c>except:4-20</c>. Layers are 0-based; the server checks them against the model's layer count.
/// </summary>
public static class LayerSetArgument
{
    public const string Forms = "all, A-B, A,B,C, A-B,C-D, from:L or except:A-B (0-based)";

    /// <summary>An option taking a layer set, checked when the command line is parsed.</summary>
    public static Option<string?> Create(string name, string description)
    {
        var option = new Option<string?>(name) { Description = $"{description} ({Forms})" };
        option.Validators.Add(r =>
        {
            try { if (r.GetValueOrDefault<string?>() is { } text) Parse(text, name); }
            catch (FormatException e) { r.AddError(e.Message); }
        });
        return option;
    }

    /// <summary>The set <paramref name="text"/> writes; null for <c>all</c>. Throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static LayerSet? Parse(string text, string name)
    {
        string t = text.Trim().ToLowerInvariant();
        if (t == "all") return null;
        if (t.StartsWith("from:", StringComparison.Ordinal))
        {
            int layer = Number(t[5..], text, name);
            return new LayerSet { FromLayer = layer };
        }
        if (t.StartsWith("except:", StringComparison.Ordinal))
            return new LayerSet { ExceptRange = Range(t[7..], text, name) ?? throw Error(text, name) };

        var parts = t.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Any(p => p.Length == 0)) throw Error(text, name);
        var ranges = parts.Select(p => Range(p, text, name)).ToList();
        if (ranges.All(r => r is null))
        {
            var list = new LayerList();
            list.Layers.AddRange(parts.Select(p => Number(p, text, name)));
            return new LayerSet { Layers = list };
        }
        var union = new LayerRanges();
        foreach (var (range, part) in ranges.Zip(parts))
            union.Ranges.Add(range ?? new LayerRange { First = Number(part, text, name), Last = Number(part, text, name) });
        return new LayerSet { Ranges = union };
    }

    // "A-B" as a range with A <= B; null when the part has no dash (a single layer).
    static LayerRange? Range(string part, string text, string name)
    {
        int dash = part.IndexOf('-', 1);
        if (dash < 0) return null;
        int first = Number(part[..dash], text, name), last = Number(part[(dash + 1)..], text, name);
        if (first > last) throw new FormatException($"{name}: '{part}' runs backwards; write the lower layer first ({Forms})");
        return new LayerRange { First = first, Last = last };
    }

    static int Number(string part, string text, string name)
    {
        // from:-1 (every layer) is the one negative value a set allows.
        bool fromAll = part.Trim() == "-1" && text.Trim().StartsWith("from:", StringComparison.OrdinalIgnoreCase);
        if (!int.TryParse(part.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int layer) && !fromAll)
            throw Error(text, name);
        return fromAll ? -1 : layer;
    }

    static FormatException Error(string text, string name) => new($"{name}: '{text}' is not a layer set; write one of {Forms}");
}
