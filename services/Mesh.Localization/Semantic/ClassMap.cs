using Mesh.Core.Interp;
using Mesh.Localization.Attention;

namespace Mesh.Localization.Semantic;

/// <summary>
/// Per-pixel classes at image size from a model's logits [classes, rows, cols]: the logits are upsampled bilinearly
/// (half-pixel centres, as <see cref="BilinearUpsampler"/>), one output pixel at a time so that memory stays
/// [classes, rows, cols] however large the image; each pixel takes the arg-max class and its softmax probability.
/// </summary>
internal sealed record ClassMap(int Height, int Width, int[] Classes, float[] Probabilities)
{
    public static ClassMap FromLogits(ReadOnlySpan<float> logits, int classes, ImageGrid grid, int height, int width)
    {
        if (logits.Length != classes * grid.Count)
            throw new ArgumentException($"the logits hold {logits.Length} values; [{classes}, {grid.Rows}, {grid.Cols}] needs {classes * grid.Count}");
        var xs = BilinearUpsampler.Taps(width, grid.Cols);
        var ys = BilinearUpsampler.Taps(height, grid.Rows);
        var best = new int[height * width];       // [H, W]
        var probability = new float[height * width];
        var pixel = new double[classes];
        for (int y = 0; y < height; y++)
        {
            var (y0, y1, wy) = ys[y];
            for (int x = 0; x < width; x++)
            {
                var (x0, x1, wx) = xs[x];
                int arg = 0;
                for (int k = 0; k < classes; k++)
                {
                    var plane = logits.Slice(k * grid.Count, grid.Count); // [rows, cols]
                    double top = (1 - wx) * plane[y0 * grid.Cols + x0] + wx * plane[y0 * grid.Cols + x1];
                    double bottom = (1 - wx) * plane[y1 * grid.Cols + x0] + wx * plane[y1 * grid.Cols + x1];
                    pixel[k] = (1 - wy) * top + wy * bottom;
                    if (pixel[k] > pixel[arg]) arg = k;
                }
                double sum = 0;
                for (int k = 0; k < classes; k++) sum += Math.Exp(pixel[k] - pixel[arg]);
                best[y * width + x] = arg;
                probability[y * width + x] = (float)(1 / sum);
            }
        }
        return new ClassMap(height, width, best, probability);
    }
}
