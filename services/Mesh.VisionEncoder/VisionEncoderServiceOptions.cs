using System.ComponentModel.DataAnnotations;
using Mesh.Catalog;
using Mesh.Core.Vision;
using Mesh.ServiceDefaults.Hosting;

namespace Mesh.VisionEncoder;

/// <summary>
/// The vision-encoder service's settings, bound from the <c>VisionEncoder</c> section
/// (environment: <c>VisionEncoder__ModelDirectory=...</c>); the request queue is <c>VisionEncoder:Queue</c>.
/// </summary>
public sealed record VisionEncoderServiceOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "VisionEncoder";

    /// <summary>Model directory (docs/design.md section 3); null or empty means <see cref="DefaultModel.ResolveDirectory"/>.</summary>
    public string? ModelDirectory { get; init; }

    /// <summary>Where ONNX Runtime runs: Auto (CUDA when built with it and present), Cpu or Cuda.</summary>
    public ExecutionDevice Device { get; init; } = ExecutionDevice.Auto;

    /// <summary>ONNX Runtime threads inside one operator; 0 lets it choose.</summary>
    [Range(0, 1024)]
    public int IntraOpThreads { get; init; }

    /// <summary>Bytes of embeddings kept in the cache (least recently used evicted first); 0 disables it. Default 256 MiB.</summary>
    [Range(0, long.MaxValue)]
    public long CacheCapacityBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>The model directory to load: <see cref="ModelDirectory"/> or the default model.</summary>
    public string ResolveModelDirectory() =>
        string.IsNullOrWhiteSpace(ModelDirectory) ? DefaultModel.ResolveDirectory() : ModelDirectory;
}
