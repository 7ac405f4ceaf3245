namespace Mesh.Localization.Shapes;

/// <summary>
/// Splits a component that holds two or more touching shapes of one colour (neighbouring cells may overlap a
/// little): the component is eroded until it falls apart, the pieces grow back over the component by geodesic
/// distance, and each part is fitted on its own. The split is kept only when every part fits better than the
/// whole did. Pixels that two fitted shapes both cover go to the shape whose centre is nearer.
/// </summary>
internal sealed class MergedShapeSplitter(int height, int width, ShapeFitter fitter)
{
    const int MaxErosions = 8;
    const int MinSeedPixels = 2;

    /// <summary>The parts of <paramref name="component"/> with their fits, or null when it does not split into better-fitting shapes.</summary>
    public List<(ShapeFit Fit, Component Part)>? TrySplit(Component component, ShapeFit whole)
    {
        var seeds = Seeds(component);
        if (seeds is null) return null;
        var parts = Grow(component, seeds);
        var fits = parts.Select(fitter.Fit).ToList();
        if (fits.Any(f => f.Score <= whole.Score)) return null;
        return Reassign(component, fits);
    }

    // Erodes until at least two pieces of MinSeedPixels remain; null when the component never splits.
    List<List<int>>? Seeds(Component component)
    {
        var member = new bool[height * width];
        foreach (int p in component.Pixels) member[p] = true;
        for (int step = 0; step < MaxErosions; step++)
        {
            member = Erode(member);
            var labels = member.Select(m => m ? 0 : -1).ToArray();
            var pieces = ConnectedComponents.Find(labels, height, width).Where(c => c.Pixels.Count >= MinSeedPixels).ToList();
            if (pieces.Count >= 2) return [.. pieces.Select(p => p.Pixels)];
            if (pieces.Count == 0) return null;
        }
        return null;
    }

    bool[] Erode(bool[] member)
    {
        var eroded = new bool[member.Length];
        for (int p = 0; p < member.Length; p++)
        {
            if (!member[p]) continue;
            int x = p % width, y = p / width;
            bool keep = x > 0 && y > 0 && x < width - 1 && y < height - 1;
            for (int dy = -1; dy <= 1 && keep; dy++)
                for (int dx = -1; dx <= 1 && keep; dx++)
                    keep = member[p + dy * width + dx];
            eroded[p] = keep;
        }
        return eroded;
    }

    // Breadth-first from all seeds at once over the component's pixels: each pixel joins the seed that reaches it first.
    List<Component> Grow(Component component, List<List<int>> seeds)
    {
        var owner = new int[height * width];
        Array.Fill(owner, -2);
        foreach (int p in component.Pixels) owner[p] = -1;
        var queue = new Queue<int>();
        for (int s = 0; s < seeds.Count; s++)
            foreach (int p in seeds[s]) { owner[p] = s; queue.Enqueue(p); }
        while (queue.Count > 0)
        {
            int p = queue.Dequeue(), x = p % width, y = p / width;
            for (int dy = -1; dy <= 1; dy++)
                for (int dx = -1; dx <= 1; dx++)
                {
                    int nx = x + dx, ny = y + dy;
                    if (nx < 0 || ny < 0 || nx >= width || ny >= height || owner[ny * width + nx] != -1) continue;
                    owner[ny * width + nx] = owner[p];
                    queue.Enqueue(ny * width + nx);
                }
        }
        return [.. seeds.Select((_, s) => new Component(component.Label, [.. component.Pixels.Where(p => owner[p] == s)]))];
    }

    List<(ShapeFit, Component)> Reassign(Component component, List<ShapeFit> fits)
    {
        var parts = fits.Select(_ => new List<int>()).ToList();
        foreach (int p in component.Pixels)
        {
            int x = p % width, y = p / width;
            var covering = Enumerable.Range(0, fits.Count).Where(i => fits[i].Covers(x, y, margin: 0.5)).ToList();
            var candidates = covering.Count > 0 ? covering : Enumerable.Range(0, fits.Count).ToList();
            parts[candidates.MinBy(i => Math.Pow(x + 0.5 - fits[i].CentreX, 2) + Math.Pow(y + 0.5 - fits[i].CentreY, 2))].Add(p);
        }
        return [.. fits.Select((f, i) => (f, new Component(component.Label, parts[i])))];
    }
}
