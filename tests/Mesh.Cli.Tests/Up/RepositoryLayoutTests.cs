using Mesh.Catalog;
using Mesh.Cli.Up;

namespace Mesh.Cli.Tests.Up;

public sealed class RepositoryLayoutTests
{
    [Fact]
    public void EveryCatalogServiceHasItsProjectInThisCheckout()
    {
        var layout = RepositoryLayout.Current();

        Assert.All(MeshServices.Backends.Append(MeshServices.Gateway), s => Assert.True(File.Exists(layout.ProjectOf(s)), layout.ProjectOf(s)));
    }

    [Fact]
    public void TheAssemblyLiesInTheProjectsOutputFolderForTheConfiguration()
    {
        var layout = new RepositoryLayout("/repo", "Release", "net10.0");

        Assert.Equal("/repo/services/Mesh.Decoder/bin/Release/net10.0/Mesh.Decoder.dll", layout.AssemblyOf(MeshServices.Decoder));
    }

    [Fact]
    public void TheCurrentCheckoutIsFoundFromTheRunningAssembly()
    {
        var layout = RepositoryLayout.Current();

        Assert.True(File.Exists(Path.Combine(layout.Root, "Mesh.sln")));
        Assert.Equal("net10.0", layout.TargetFramework);
        Assert.Contains($"{Path.DirectorySeparatorChar}{layout.Configuration}{Path.DirectorySeparatorChar}", AppContext.BaseDirectory);
    }
}
