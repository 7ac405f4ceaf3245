using Mesh.Catalog;
using Mesh.Cli.Up;

namespace Mesh.Cli.Tests.Up;

public sealed class RepositoryLayoutTests
{
    [Fact]
    public void Every_catalog_service_has_its_project_in_this_checkout()
    {
        var layout = RepositoryLayout.Current();

        Assert.All(MeshServices.Backends.Append(MeshServices.Gateway), s => Assert.True(File.Exists(layout.ProjectOf(s)), layout.ProjectOf(s)));
    }

    [Fact]
    public void The_assembly_lies_in_the_projects_output_folder_for_the_configuration()
    {
        var layout = new RepositoryLayout("/repo", "Release", "net10.0");

        Assert.Equal("/repo/services/Mesh.Decoder/bin/Release/net10.0/Mesh.Decoder.dll", layout.AssemblyOf(MeshServices.Decoder));
    }

    [Fact]
    public void The_current_checkout_is_found_from_the_running_assembly()
    {
        var layout = RepositoryLayout.Current();

        Assert.True(File.Exists(Path.Combine(layout.Root, "Mesh.sln")));
        Assert.Equal("net10.0", layout.TargetFramework);
        Assert.Contains($"{Path.DirectorySeparatorChar}{layout.Configuration}{Path.DirectorySeparatorChar}", AppContext.BaseDirectory);
    }
}
