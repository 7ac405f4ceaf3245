using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Mesh.Core.Nn;

/// <summary>
/// Loads libmesh_mkl_cpu_dispatch.so (native/mkl_cpu_dispatch.c) with RTLD_GLOBAL on AMD CPUs before any
/// torch code runs, so libtorch's MKL uses the CPU's vector instructions instead of its generic path.
/// Off with MESH_MKL_CPU_DISPATCH=0, on non-AMD CPUs, and where the library was not built.
/// </summary>
public static class MklCpuDispatch
{
    public const string LibraryName = "libmesh_mkl_cpu_dispatch.so";
    const int RtldNow = 2, RtldGlobal = 0x100;

    /// <summary>Whether the dispatch library is loaded in this process.</summary>
    public static bool Active { get; private set; }

    /// <summary>Why it is or is not active, for logs and benchmark reports.</summary>
    public static string Status { get; private set; } = "not initialised";

#pragma warning disable CA2255 // must run before the first MKL call, whoever makes it
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Initialize()
    {
        if (!OperatingSystem.IsLinux()) { Status = "not Linux"; return; }
        if (Environment.GetEnvironmentVariable("MESH_MKL_CPU_DISPATCH") == "0") { Status = "off (MESH_MKL_CPU_DISPATCH=0)"; return; }
        if (!IsAmd()) { Status = "not needed (not an AMD CPU)"; return; }
        string path = Path.Combine(AppContext.BaseDirectory, LibraryName);
        if (!File.Exists(path)) { Status = $"unavailable ({LibraryName} was not built: no C compiler)"; return; }
        Active = dlopen(path, RtldNow | RtldGlobal) != IntPtr.Zero;
        Status = Active ? "active (AMD CPU)" : $"failed to load {path}";
    }

    internal static bool IsAmd() =>
        File.Exists("/proc/cpuinfo") && File.ReadLines("/proc/cpuinfo").Any(l => l.StartsWith("vendor_id") && l.Contains("AuthenticAMD"));

    [DllImport("libc.so.6")]
    static extern IntPtr dlopen(string fileName, int flags);
}
