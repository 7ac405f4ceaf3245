namespace Mesh.Core.Interp;

/// <summary>
/// How many intervals cover each of <c>n</c> slots, as a segment tree: adding or removing an interval of slots and
/// finding the first slot no interval covers take O(log n) each.
/// </summary>
internal sealed class CoverCounts
{
    readonly int _slots;
    // Per node: what was added to its whole range, and the least count of any slot below it (own additions included).
    readonly int[] _added, _least;

    public CoverCounts(int slots)
    {
        _slots = slots;
        _added = new int[4 * Math.Max(1, slots)];
        _least = new int[4 * Math.Max(1, slots)];
    }

    /// <summary>Adds <paramref name="delta"/> to the slots [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public void Add(int from, int to, int delta) => Add(1, 0, _slots, from, to, delta);

    /// <summary>The first slot with a count of 0, or the slot count when every slot is covered.</summary>
    public int FirstUncovered() => _slots == 0 ? 0 : FirstZero(1, 0, _slots, 0);

    void Add(int node, int lo, int hi, int from, int to, int delta)
    {
        if (to <= lo || hi <= from) return;
        if (from <= lo && hi <= to)
        {
            _added[node] += delta;
            _least[node] += delta;
            return;
        }
        int mid = (lo + hi) / 2;
        Add(2 * node, lo, mid, from, to, delta);
        Add(2 * node + 1, mid, hi, from, to, delta);
        _least[node] = _added[node] + Math.Min(_least[2 * node], _least[2 * node + 1]);
    }

    // Counts never go below 0, so a subtree holds an uncovered slot exactly when its least count is 0.
    int FirstZero(int node, int lo, int hi, int above)
    {
        if (above + _least[node] > 0) return _slots;
        if (hi - lo == 1) return lo;
        int mid = (lo + hi) / 2;
        above += _added[node];
        int left = FirstZero(2 * node, lo, mid, above);
        return left < _slots ? left : FirstZero(2 * node + 1, mid, hi, above);
    }
}
