namespace Mesh.Localization.Shapes;

/// <summary>A connected region of one colour: its label and its pixels (row-major indices).</summary>
internal sealed record Component(int Label, List<int> Pixels);

/// <summary>Connected regions of equal labels under 8-connectivity (a star's thin points touch diagonally).</summary>
internal static class ConnectedComponents
{
    /// <summary>Every region of a label of 0 or more in <paramref name="labels"/> [height * width], in order of their first pixel.</summary>
    public static List<Component> Find(int[] labels, int height, int width)
    {
        var seen = new bool[labels.Length];
        var components = new List<Component>();
        var stack = new Stack<int>();
        for (int start = 0; start < labels.Length; start++)
        {
            if (seen[start] || labels[start] < 0) continue;
            var pixels = new List<int>();
            seen[start] = true;
            stack.Push(start);
            while (stack.Count > 0)
            {
                int p = stack.Pop();
                pixels.Add(p);
                int x = p % width, y = p / width;
                for (int dy = -1; dy <= 1; dy++)
                    for (int dx = -1; dx <= 1; dx++)
                    {
                        int nx = x + dx, ny = y + dy, n = ny * width + nx;
                        if (nx < 0 || ny < 0 || nx >= width || ny >= height || seen[n] || labels[n] != labels[start]) continue;
                        seen[n] = true;
                        stack.Push(n);
                    }
            }
            components.Add(new Component(labels[start], pixels));
        }
        return components;
    }
}
