using Mesh.Core.Loading;

namespace Mesh.Core.Tests;

/// <summary>Reads the Hugging Face reference tensors of the fixtures and compares against them.</summary>
internal static class Reference
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

    /// <summary>Asserts max |expected - actual| &lt;= tolerance, naming the quantity and the worst difference.</summary>
    public static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, float tolerance, string what)
    {
        float diff = MaxAbsDiff(expected, actual);
        Assert.True(diff <= tolerance, $"{what}: max abs difference {diff:E2} exceeds {tolerance:E0}");
    }
}
