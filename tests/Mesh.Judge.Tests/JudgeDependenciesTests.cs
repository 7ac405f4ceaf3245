using Mesh.TestKit;

namespace Mesh.Judge.Tests;

/// <summary>The judge compares two strings: its build ships the judging library and no model runtime.</summary>
public sealed class JudgeDependenciesTests
{
    [Fact]
    public void ShipsJudgingWithoutTorchOnnxRuntimeOrImageMagick()
    {
        var libraries = DepsFile.Libraries("Mesh.Judge");

        Assert.Contains("Mesh.Judging", libraries);
        Assert.Contains("Mesh.ServiceDefaults", libraries);
        Assert.Empty(DepsFile.ModelRuntimes(libraries));
        Assert.DoesNotContain("Mesh.Core", libraries);
    }
}
