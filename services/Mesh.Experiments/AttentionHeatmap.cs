using System.Runtime.InteropServices;
using Mesh.Contracts.Decoder.V1;
using Spectre.Console;

namespace Mesh.Experiments;

/// <summary>An image-attention map (F16 grid) drawn in the terminal, min-max normalised, with a viridis-like ramp.</summary>
public static class AttentionHeatmap
{
    static readonly (double At, Color Color)[] Ramp =
    [
        (0.0, new Color(68, 1, 84)), (0.25, new Color(59, 82, 139)), (0.5, new Color(33, 145, 140)),
        (0.75, new Color(94, 201, 98)), (1.0, new Color(253, 231, 37)),
    ];

    public static float[] Values(ImageMap map) => MemoryMarshal.Cast<byte, Half>(map.ValuesF16.Span).ToArray().Select(h => (float)h).ToArray();

    /// <summary>A canvas of the grid, each cell <paramref name="scale"/> pixels wide (a pixel is one terminal cell).</summary>
    public static Canvas Render(ImageMap map, int scale = 1)
    {
        var values = Values(map);
        float min = values.Min(), max = values.Max();
        var canvas = new Canvas(map.GridCols * scale, map.GridRows * scale);
        for (int r = 0; r < map.GridRows; r++)
            for (int c = 0; c < map.GridCols; c++)
            {
                double t = max > min ? (values[r * map.GridCols + c] - min) / (max - min) : 0;
                for (int dy = 0; dy < scale; dy++)
                    for (int dx = 0; dx < scale; dx++) canvas.SetPixel(c * scale + dx, r * scale + dy, ColorAt(t));
            }
        return canvas;
    }

    static Color ColorAt(double t)
    {
        for (int i = 1; i < Ramp.Length; i++)
        {
            if (t > Ramp[i].At) continue;
            double u = (t - Ramp[i - 1].At) / (Ramp[i].At - Ramp[i - 1].At);
            return Ramp[i - 1].Color.Blend(Ramp[i].Color, (float)u);
        }
        return Ramp[^1].Color;
    }
}
