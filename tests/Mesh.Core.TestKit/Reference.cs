using Mesh.Core.Loading;
using Xunit;

namespace Mesh.Core.TestKit;

/// <summary>Reads the Hugging Face reference tensors of the fixtures and compares against them.</summary>
public static class Reference
{
    public static float[] ReadF32(string file, string name)
    {
        using var tensors = SafeTensorsFile.Open(file);
        Assert.Equal(SafeTensorDType.F32, tensors.Info(name).DType);
        return tensors.ReadSingle(name);
    }

    public static long[] ReadI64(string file, string name)
    {
        using var tensors = SafeTensorsFile.Open(file);
        return tensors.ReadInt64(name);
    }

    public static float MaxAbsDiff(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        Assert.Equal(a.Length, b.Length);
        float max = 0;
        for (int i = 0; i < a.Length; i++)
            max = Math.Max(max, Math.Abs(a[i] - b[i]));
        return max;
    }

    /// <summary>
    /// Bound for a float16 graph against float32 references whose largest magnitude is <paramref name="scale"/>.
    /// float16 keeps 11 significant bits (unit roundoff u = 2^-11); weights and every stored activation are rounded
    /// once each, and on the path of one tiny-llava output (2 CLIP layers and the projector) about 16 rounded values
    /// add up, so 16 u of the largest output (measured: about 3.7 u).
    /// </summary>
    public static float HalfPrecisionTolerance(float scale) => 16 * MathF.Pow(2, -11) * scale;

    /// <summary>Asserts max |expected - actual| &lt;= tolerance, naming the quantity and the worst difference.</summary>
    public static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, float tolerance, string what)
    {
        float diff = MaxAbsDiff(expected, actual);
        Assert.True(diff <= tolerance, $"{what}: max abs difference {diff:E2} exceeds {tolerance:E0}");
    }
}
