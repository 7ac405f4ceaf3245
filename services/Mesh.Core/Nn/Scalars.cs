using System.Runtime;
using TorchSharp;

namespace Mesh.Core.Nn;

/// <summary>
/// The one place Mesh deals with a use-after-free in TorchSharp 0.107 (tests/Mesh.Core.Tests/Nn/ScalarRaceTests.cs
/// reproduces it). Its cause: a <see cref="Scalar"/> owns a native <c>c10::Scalar</c> and its finalizer deletes it, and
/// TorchSharp's wrappers pass libtorch <c>scalar.Handle</c> (a bare pointer) without <c>GC.KeepAlive(scalar)</c> after
/// the call. Once the code is optimized (tier 1) the managed Scalar is dead from the moment its handle is loaded; a
/// thread inside a native call is not suspended by a collection, so an allocation on another thread (Kestrel, a progress
/// renderer) can start one that finds the Scalar unreachable, the finalizer thread deletes the c10::Scalar, and libtorch
/// then reads freed memory: the allocator has overwritten its tag, and <c>c10::Scalar::to&lt;T&gt;</c> fails with
/// "Expected false to be true" (c10/core/Scalar.h), or would read a wrong value had the memory been reused. Temporaries
/// are everywhere: the implicit <c>alpha = 1</c> of <c>a + b</c> and <c>a.add(b)</c>, the <c>0.5</c> of <c>t * 0.5</c>,
/// and TorchSharp's own code such as AdamW's <c>mul_(beta1)</c>. An op that reads its Scalar late (after a dtype
/// promotion of a large input) has the widest window. Two guards, one for each kind of code:
/// <list type="bullet">
/// <item>Model code (serving, import, the training forward) hands libtorch only Scalars something keeps reachable:
/// <see cref="One"/> as the alpha of every add, <see cref="NegativeInfinity"/>, and constants its module keeps as
/// fields (RMSNorm's epsilon, the attention scale); TemporaryScalarScanTests reads the IL to keep it so. This is what
/// the services rely on, as a pause would stop the collector for the whole server, every request and thread.</item>
/// <item>Work that runs TorchSharp code with temporaries Mesh cannot reach (a training step: loss, backward, AdamW;
/// validation) runs inside <see cref="WithoutCollections{T}"/>.</item>
/// </list>
/// </summary>
public static class Scalars
{
    /// <summary>The alpha of a plain addition: <c>a.add(b, One)</c> is <c>a + b</c>.</summary>
    public static readonly Scalar One = 1;

    /// <summary>The fill of blocked attention entries.</summary>
    public static readonly Scalar NegativeInfinity = double.NegativeInfinity;

    /// <summary>Managed bytes the work of <see cref="WithoutCollections{T}"/> may allocate, all threads together (a training step allocates far less).</summary>
    public const long CollectionBudget = 128L << 20;

    /// <summary>
    /// Runs <paramref name="work"/> inside a no-GC region, so no collection can free a temporary Scalar mid-call; the
    /// collection happens between such calls, when nothing native is in flight. Not for servers (it holds off the
    /// collector for every thread). Runs unprotected when a region cannot be started (one is already active: the outer
    /// one protects this work; the runtime refuses the budget), and the region ends early if the process allocates more
    /// than <see cref="CollectionBudget"/> or someone calls <see cref="GC.Collect()"/>.
    /// </summary>
    public static T WithoutCollections<T>(Func<T> work)
    {
        bool paused = false;
        try { paused = GC.TryStartNoGCRegion(CollectionBudget); }
        catch (InvalidOperationException) { }        // already inside a no-GC region
        catch (ArgumentOutOfRangeException) { }      // a runtime whose ephemeral space is smaller than the budget
        try { return work(); }
        finally
        {
            if (paused && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
                GC.EndNoGCRegion();
        }
    }
}
