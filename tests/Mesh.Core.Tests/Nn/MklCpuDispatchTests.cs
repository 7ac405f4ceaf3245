using Mesh.Core.Nn;

namespace Mesh.Core.Tests.Nn;

/// <summary>The build makes the MKL dispatch library and Mesh.Core loads it where it applies (native/mkl_cpu_dispatch.c).</summary>
public class MklCpuDispatchTests
{
    [Fact]
    public void TheBuildPlacesTheLibraryNextToTheAssemblies() =>
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, MklCpuDispatch.LibraryName)),
            $"{MklCpuDispatch.LibraryName} missing: is a C compiler (cc) installed?");

    [Fact]
    public void LoadingNeverFailsAndIsActiveExactlyOnAmdCpus()
    {
        bool amd = MklCpuDispatch.IsAmd();
        bool disabled = Environment.GetEnvironmentVariable("MESH_MKL_CPU_DISPATCH") == "0";
        Assert.DoesNotContain("failed", MklCpuDispatch.Status);
        Assert.Equal(amd && !disabled, MklCpuDispatch.Active);
    }
}
