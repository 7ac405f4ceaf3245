using System.Diagnostics;
using Mesh.Judging;
using static TorchSharp.torch;

namespace Mesh.Benchmarks;

/// <summary>
/// Memory copy bandwidth as STREAM's Copy counts it: a copy of N bytes moves 2N bytes (read + write).
/// The buffer is far larger than any cache, so this is DRAM bandwidth.
/// </summary>
public static class MemoryBandwidth
{
    public static double MeasureBytesPerSecond(long bufferBytes = 512L << 20, int repeats = 7)
    {
        long elements = bufferBytes / sizeof(float);
        using var source = rand(elements);
        using var target = empty(elements);
        target.copy_(source); // touch every page first
        var seconds = new List<double>();
        for (int i = 0; i < repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            target.copy_(source);
            seconds.Add(clock.Elapsed.TotalSeconds);
        }
        return 2.0 * elements * sizeof(float) / Median.Of(seconds);
    }
}
