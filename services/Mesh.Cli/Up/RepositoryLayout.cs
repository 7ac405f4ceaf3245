using System.Reflection;
using System.Runtime.Versioning;
using Mesh.Catalog;

namespace Mesh.Cli.Up;

/// <summary>
/// Where a service's project and its built assembly lie in a source checkout: <c>services/{Project}/{Project}.csproj</c>
/// and <c>services/{Project}/bin/{Configuration}/{tfm}/{Project}.dll</c>.
/// </summary>
public sealed record RepositoryLayout(string Root, string Configuration, string TargetFramework)
{
    /// <summary>The checkout this CLI runs from (the nearest folder holding Mesh.sln above the CLI or the working directory), built like the CLI.</summary>
    public static RepositoryLayout Current()
    {
        string[] starts = [AppContext.BaseDirectory, Directory.GetCurrentDirectory()];
        foreach (var start in starts)
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Mesh.sln")))
                    return new RepositoryLayout(dir.FullName, CliConfiguration(), CliTargetFramework());
        throw new DirectoryNotFoundException(
            $"No Mesh.sln above {AppContext.BaseDirectory} or {Directory.GetCurrentDirectory()}; run mesh up from a Mesh source checkout.");
    }

    /// <summary>The project file of <paramref name="service"/>.</summary>
    public string ProjectOf(MeshService service) => Path.Combine(Root, "services", service.Project, service.Project + ".csproj");

    /// <summary>The assembly <c>dotnet build</c> writes for <paramref name="service"/>.</summary>
    public string AssemblyOf(MeshService service) =>
        Path.Combine(Root, "services", service.Project, "bin", Configuration, TargetFramework, service.Project + ".dll");

    // The services are built like the CLI itself (Debug under `dotnet run`, Release under `dotnet run -c Release`).
    static string CliConfiguration() =>
        typeof(RepositoryLayout).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration is { Length: > 0 } c ? c : "Release";

    // The CLI assembly's own ".NETCoreApp,Version=v10.0" -> "net10.0" (not the host's: a test host may target another).
    static string CliTargetFramework() =>
        "net" + (typeof(RepositoryLayout).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName.Split("Version=v").ElementAtOrDefault(1)
                 ?? Environment.Version.ToString(2));
}
