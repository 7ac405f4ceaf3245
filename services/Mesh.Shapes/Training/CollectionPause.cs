using System.Runtime;

namespace Mesh.Shapes.Training;

/// <summary>
/// Runs libtorch-heavy work with the garbage collector held off. TorchSharp hands libtorch the raw handle of a
/// <c>Scalar</c> (every <c>tensor * 0.5</c>, and the implicit <c>alpha = 1</c> of every add) and nothing keeps the
/// managed <c>Scalar</c> reachable while the native call runs; a collection started meanwhile by another thread (the
/// progress bar's renderer) can finalize it, and libtorch then reads freed memory and fails with "Expected false to
/// be true ... toFloat at c10/core/Scalar.h:140". No collection runs inside a no-GC region, so such temporaries
/// outlive the calls that use them; the collection happens between steps, when nothing native is in flight.
/// </summary>
public static class CollectionPause
{
    /// <summary>Managed bytes the work may allocate before the pause ends (a training step allocates far less).</summary>
    public const long Budget = 128L << 20;

    /// <summary>
    /// Runs <paramref name="work"/> inside a no-GC region when one can be started (not when one is already active,
    /// or the runtime refuses the budget); if the work allocates more than the budget the runtime collects and the
    /// pause simply ends early.
    /// </summary>
    public static T Run<T>(Func<T> work)
    {
        bool paused = false;
        try { paused = GC.TryStartNoGCRegion(Budget); }
        catch (InvalidOperationException) { }        // already inside a no-GC region: the outer one protects this work
        catch (ArgumentOutOfRangeException) { }      // a runtime whose ephemeral space is smaller than the budget
        try { return work(); }
        finally
        {
            if (paused && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
                GC.EndNoGCRegion();
        }
    }
}
