using Mesh.TestKit;

namespace Mesh.EndToEnd.Tests.Experiments;

/// <summary>
/// Every service over the embedded Shapes model (<c>models/shapes-vlm</c>, pinned by path like the parity fixture),
/// the judge and segmentation included: all that <c>mesh experiment</c> calls through the gateway.
/// </summary>
public sealed class ShapesMesh : LocalMesh
{
    protected override string ModelDirectory => Path.Combine(TinyLlava.RepoRoot, "models", "shapes-vlm");
    protected override bool WithJudgeAndSegmentation => true;
}
