using Mesh.TestKit;

namespace Mesh.ContextStore.Tests;

/// <summary>The context store keeps opaque bytes: its build ships no model code and no model runtime.</summary>
public sealed class ContextStoreDependenciesTests
{
    [Fact]
    public void ShipsNoModelRuntime()
    {
        var libraries = DepsFile.Libraries("Mesh.ContextStore");

        Assert.Contains("StackExchange.Redis", libraries);
        Assert.Empty(DepsFile.ModelRuntimes(libraries));
        Assert.DoesNotContain("Mesh.Core", libraries);
    }
}
