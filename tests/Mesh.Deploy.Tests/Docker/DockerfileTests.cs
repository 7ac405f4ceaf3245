using Mesh.Catalog;
using Mesh.TestKit;

namespace Mesh.Deploy.Tests.Docker;

/// <summary>
/// deploy/docker/Dockerfile, read as text (no container runtime works on the machines that run the tests,
/// docs/deploy.md): a Release publish, the CUDA switch, the default model, a non-root user and the health check.
/// </summary>
public sealed class DockerfileTests
{
    readonly string[] _lines = File.ReadAllLines(Path.Combine(TinyLlava.RepoRoot, "deploy", "docker", "Dockerfile"));

    string Instruction(string keyword) =>
        string.Join("\n", _lines.Where(l => l.StartsWith(keyword + " ", StringComparison.Ordinal)));

    [Fact]
    public void ItPublishesTheChosenServiceInReleaseWithTheCudaSwitch()
    {
        string text = string.Join("\n", _lines);

        Assert.Contains("dotnet publish \"services/${SERVICE}\" -c Release -p:MeshCuda=${MESH_CUDA}", text);
        Assert.Contains("ARG MESH_CUDA=false", text);
    }

    [Fact]
    public void TheDefaultModelLiesWhereTheServicesLookForIt()
    {
        Assert.Contains($"cp -r models/{DefaultModel.Name} /app/models/{DefaultModel.Name}", string.Join("\n", _lines));
        Assert.Contains("WORKDIR /app", Instruction("WORKDIR"));
        Assert.Contains($"!models/{DefaultModel.Name}/", File.ReadAllLines(Path.Combine(TinyLlava.RepoRoot, ".dockerignore")));
    }

    [Fact]
    public void TheRuntimeStageRunsAsTheImagesUnprivilegedUser()
    {
        var users = Instruction("USER").Split('\n');

        Assert.Equal(["USER $APP_UID"], users);
    }

    [Fact]
    public void TheHealthCheckAsksTheManagementPortForLiveness()
    {
        string check = string.Join("\n", _lines.SkipWhile(l => !l.StartsWith("HEALTHCHECK")).Take(2));

        Assert.Contains("$Endpoints__ManagementPort", check);
        Assert.Contains($"GET {ServiceConventions.LivePath} ", check);
        Assert.Contains("Endpoints__ManagementPort=${MANAGEMENT_PORT}", string.Join("\n", _lines));
        Assert.Contains("Endpoints__Host=0.0.0.0", string.Join("\n", _lines));
    }
}
