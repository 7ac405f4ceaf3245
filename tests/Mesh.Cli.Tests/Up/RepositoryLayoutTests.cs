using Mesh.Catalog;
using Mesh.Cli.Up;

namespace Mesh.Cli.Tests.Up;

public sealed class RepositoryLayoutTests : IDisposable
{
    readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("mesh-layout-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public void Only_services_whose_project_exists_are_present()
    {
        AddProject("Mesh.Judge");
        AddProject("Mesh.Gateway");
        var layout = new RepositoryLayout(_root.FullName, "Debug", "net10.0");

        var (present, missing) = layout.Partition(MeshServices.Backends);

        Assert.Equal(["judge"], present.Select(s => s.Name));
        Assert.Equal(["vision-encoder", "context-store", "decoder", "segmentation"], missing.Select(s => s.Name));
        Assert.NotNull(layout.ProjectOf(MeshServices.Gateway));
    }

    [Fact]
    public void A_folder_without_the_project_file_is_not_a_project()
    {
        Directory.CreateDirectory(Path.Combine(_root.FullName, "services", "Mesh.Decoder"));
        var layout = new RepositoryLayout(_root.FullName, "Debug", "net10.0");

        Assert.Null(layout.ProjectOf(MeshServices.Decoder));
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

    void AddProject(string name)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root.FullName, "services", name));
        File.WriteAllText(Path.Combine(folder.FullName, name + ".csproj"), "<Project />");
    }
}
