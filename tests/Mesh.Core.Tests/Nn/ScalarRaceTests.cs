using System.Runtime.InteropServices;
using Mesh.Core.Nn;
using TorchSharp;
using static TorchSharp.torch;

namespace Mesh.Core.Tests.Nn;

/// <summary>Tests that start collections on purpose or hold them off for the process: they run alone.</summary>
[CollectionDefinition(nameof(CollectorTests), DisableParallelization = true)]
public sealed class CollectorTests;

/// <summary>
/// The race <see cref="Scalars"/> guards against, reproduced: <c>ints.add(floats)</c> hands libtorch a temporary
/// <c>alpha = 1</c> and, for a large int tensor, first spends milliseconds promoting it to float before reading
/// alpha (one thread, 8M ints). Another thread allocates until a collection runs meanwhile and waits for the finalizers it queued.
/// </summary>
[Collection(nameof(CollectorTests))]
public sealed class ScalarRaceTests : IDisposable
{
    // Managed bytes the noise allocates at most to bring about a collection: under the pause's budget, so that inside
    // a pause the noise cannot end it.
    const long MaxNoiseBytes = 96L << 20;

    readonly int _threads = get_num_threads();
    readonly Tensor _ints = ones(1L << 23, dtype: ScalarType.Int32);
    readonly Tensor _floats = ones(1L << 23);
    readonly Tensor _smallInts = ones(4, dtype: ScalarType.Int32);
    readonly Tensor _smallFloats = ones(4);

    public ScalarRaceTests() => set_num_threads(1); // one thread promotes the ints: the window is wide

    // Unoptimized (tier-0) code keeps a temporary alive to the end of its method, so the race needs TorchSharp's add
    // optimized: calls count towards tier 1 once no method has been compiled for 100 ms.
    void WarmUp()
    {
        Thread.Sleep(150);
        for (int i = 0; i < 40; i++) _smallInts.add(_smallFloats).Dispose();
    }

    /// <summary>One <paramref name="add"/> (inside a pause when asked) while another thread brings about a collection.</summary>
    static (bool Failed, bool CollectedDuring) AddDuringACollection(Func<Tensor> add, bool inPause = false)
    {
        using var started = new ManualResetEventSlim();
        var noise = new Thread(() =>
        {
            started.Wait();
            int before = GC.CollectionCount(0);
            var recent = new byte[16][];
            for (long i = 0; GC.CollectionCount(0) == before && i * (64 << 10) < MaxNoiseBytes; i++) recent[i % 16] = new byte[64 << 10];
            GC.WaitForPendingFinalizers();
        });
        noise.Start();
        int collectionsBefore = 0, collectionsAfter = 0;
        Tensor Measured()
        {
            collectionsBefore = GC.CollectionCount(0);
            started.Set();
            try { return add(); }
            finally { collectionsAfter = GC.CollectionCount(0); }
        }
        bool failed = false;
        try
        {
            using var sum = inPause ? Scalars.WithoutCollections(Measured) : Measured();
        }
        catch (ExternalException e) when (e.Message.Contains("Expected false to be true"))
        {
            failed = true;
        }
        noise.Join();
        return (failed, collectionsAfter > collectionsBefore);
    }

    /// <summary>Fails unless a temporary Scalar is freed mid-call within a few tries: the race, without either guard.</summary>
    void ShowTheRace()
    {
        for (int attempt = 0; attempt < 40; attempt++)
        {
            if (AddDuringACollection(() => _ints.add(_floats)).Failed) return;
            WarmUp();
        }
        Assert.Fail("40 adds with a temporary alpha survived a collection each: if TorchSharp now keeps Scalars alive across " +
                    "its native calls, the guards in Mesh.Core.Nn.Scalars (and the Scalar fields that point there) can go.");
    }

    [Fact]
    public void AScalarMeshKeepsSurvivesACollectionDuringTheCallThatReadsIt()
    {
        ShowTheRace();

        int collected = 0;
        for (int attempt = 0; attempt < 30 && collected < 5; attempt++)
        {
            var (failed, collectedDuring) = AddDuringACollection(() => _ints.add(_floats, Scalars.One));
            Assert.False(failed, $"libtorch failed reading Scalars.One on attempt {attempt}");
            if (collectedDuring) collected++;
        }
        Assert.Equal(5, collected);
    }

    [Fact]
    public void NoCollectionFreesATemporaryScalarInsideWithoutCollections()
    {
        ShowTheRace();

        for (int attempt = 0; attempt < 3; attempt++)
        {
            var (failed, collectedDuring) = AddDuringACollection(() => _ints.add(_floats), inPause: true);
            Assert.False(collectedDuring, $"a collection ran inside the pause on attempt {attempt}");
            Assert.False(failed, $"libtorch failed reading a temporary Scalar inside the pause on attempt {attempt}");
        }
    }

    public void Dispose()
    {
        set_num_threads(_threads);
        foreach (var tensor in new[] { _ints, _floats, _smallInts, _smallFloats }) tensor.Dispose();
    }
}
