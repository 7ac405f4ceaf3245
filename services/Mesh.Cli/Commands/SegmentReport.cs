using System.Globalization;
using Mesh.Shapes.Scenes;
using Mesh.Localization;
using Spectre.Console;

namespace Mesh.Cli.Commands;

/// <summary>What <c>mesh segment</c> prints: one row per mask (name, score, area, box), and the mask PNGs when asked.</summary>
public static class SegmentReport
{
    public static void Print(string image, SegmentationResult result, DirectoryInfo? masksOut)
    {
        var table = new Table().Title($"{Markup.Escape(image)}: {result.Width}x{result.Height}, {result.Objects.Count} objects")
            .AddColumns("#", "name", "score", "area px", "box (x, y, w, h)");
        for (int i = 0; i < result.Objects.Count; i++)
        {
            var o = result.Objects[i];
            var (x, y, w, h) = o.Mask.Bounds;
            table.AddRow(i.ToString(CultureInfo.InvariantCulture), Markup.Escape(o.Name), o.Score.ToString("F3", CultureInfo.InvariantCulture),
                         o.Mask.Area.ToString(CultureInfo.InvariantCulture), $"({x}, {y}, {w}, {h})");
        }
        AnsiConsole.Write(table);
        if (masksOut is null) return;
        masksOut.Create();
        for (int i = 0; i < result.Objects.Count; i++)
        {
            string path = Path.Combine(masksOut.FullName, $"{i}-{FileName(result.Objects[i].Name)}.png");
            File.WriteAllBytes(path, Png(result.Objects[i].Mask));
        }
        AnsiConsole.MarkupLineInterpolated($"[green]wrote[/] {result.Objects.Count} mask PNGs to {masksOut.FullName}");
    }

    // White object on black, 8-bit RGB.
    static byte[] Png(ObjectMask mask)
    {
        var rgb = new byte[mask.Width * mask.Height * 3];
        for (int p = 0; p < mask.Pixels.Length; p++)
            if (mask.Pixels[p]) rgb[3 * p] = rgb[3 * p + 1] = rgb[3 * p + 2] = 255;
        return Scene.EncodePng(rgb, mask.Width, mask.Height);
    }

    // Names come from a model's labels or a request: keep letters, digits and dashes only.
    static string FileName(string name) => new([.. name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]);
}
