using System.ComponentModel.DataAnnotations;

namespace Mesh.Core.Vision;

/// <summary>Where ONNX Runtime runs the vision tower.</summary>
public enum ExecutionDevice
{
    /// <summary>CUDA when this build has it and a GPU answers, otherwise CPU.</summary>
    Auto,

    /// <summary>CPU execution provider only.</summary>
    Cpu,

    /// <summary>CUDA execution provider; needs a build with <c>-p:MeshCuda=true</c>.</summary>
    Cuda,
}

/// <summary>Options for <see cref="VisionEncoder"/>.</summary>
/// <param name="Device">Execution device; default <see cref="ExecutionDevice.Auto"/>.</param>
/// <param name="IntraOpThreads">Threads inside one operator; 0 lets ONNX Runtime choose.</param>
/// <param name="InterOpThreads">Threads across operators; 0 lets ONNX Runtime choose.</param>
/// <param name="CudaDeviceId">GPU ordinal for <see cref="ExecutionDevice.Cuda"/>.</param>
public sealed record VisionEncoderOptions(
    ExecutionDevice Device = ExecutionDevice.Auto,
    [property: Range(0, 1024)] int IntraOpThreads = 0,
    [property: Range(0, 1024)] int InterOpThreads = 0,
    [property: Range(0, 64)] int CudaDeviceId = 0);
