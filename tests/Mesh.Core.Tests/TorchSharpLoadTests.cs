using static TorchSharp.torch;

namespace Mesh.Core.Tests;

/// <summary>Proves the native libtorch backend loads on this system (see build/LibTorchSharpGlibcxx.targets).</summary>
public class TorchSharpLoadTests
{
    [Fact]
    public void MatrixProductRunsOnTheNativeBackend()
    {
        using var a = tensor(new float[] { 1, 2, 3, 4 }, new long[] { 2, 2 });
        using var b = tensor(new float[] { 5, 6, 7, 8 }, new long[] { 2, 2 });
        using var c = matmul(a, b);
        Assert.Equal(new float[] { 19, 22, 43, 50 }, c.data<float>().ToArray());
    }
}
