using TorchSharp;

namespace Mesh.Core.Nn;

/// <summary>
/// Scalars the model passes to libtorch, kept reachable for as long as their owner lives. TorchSharp hands libtorch
/// the raw handle of a <see cref="Scalar"/> and does not keep it alive across the call, so a temporary one (the
/// <c>0.5</c> of <c>t * 0.5</c>, the implicit <c>alpha = 1</c> inside <c>a + b</c>, the exponent of <c>pow(2)</c>) can
/// be finalized by a garbage collection on another thread mid-call, and libtorch then fails with "Expected false to
/// be true ... c10/core/Scalar.h". The serving path runs beside threads that allocate (Kestrel, gRPC), so model code
/// adds with <see cref="One"/> as alpha and keeps its own constants as <see cref="Scalar"/> fields. Measured with a
/// second thread allocating: <c>x * 0.5</c> failed 107 times and <c>x + x</c> 162 times in 30 s while another torch
/// process shared the CPU; <c>x * cached</c> and <c>x.add(y, One)</c> never did. On a quiet machine the race is rarer
/// (one or two failures in 10 s), which is why no test can show it on demand.
/// </summary>
public static class Scalars
{
    /// <summary>The alpha of a plain addition: <c>a.add(b, One)</c> is <c>a + b</c>.</summary>
    public static readonly Scalar One = 1;

    /// <summary>The fill of blocked attention entries.</summary>
    public static readonly Scalar NegativeInfinity = double.NegativeInfinity;
}
