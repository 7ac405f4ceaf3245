namespace Mesh.Benchmarks;

public static class MachineDescription
{
    /// <summary>CPU model, core count, memory and libtorch threads, for benchmark reports.</summary>
    public static string Current()
    {
        string cpu = "unknown CPU";
        if (File.Exists("/proc/cpuinfo"))
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name"))?.Split(':', 2)[1].Trim() ?? cpu;
        double memoryGiB = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (double)(1L << 30);
        return $"{cpu}, {Environment.ProcessorCount} cores, {memoryGiB:F0} GiB, libtorch threads {TorchSharp.torch.get_num_threads()}, " +
               $"MKL CPU dispatch {Mesh.Core.Nn.MklCpuDispatch.Status}";
    }
}
