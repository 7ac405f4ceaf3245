using Mesh.TestKit;
namespace Mesh.EndToEnd.Tests.Clients;

/// <summary>clients/python (Debian's python3-grpcio, messages from `mesh protos descriptor-set`) streams a description with traces.</summary>
public sealed class PythonClientTests(LocalMesh mesh) : IClassFixture<LocalMesh>
{
    // Debian's interpreter: python3-grpcio is installed for it, not for other pythons first on PATH.
    const string Python = "/usr/bin/python3";

    [Fact]
    public async Task ThePythonClientStreamsTheFixtureDescriptionWithTraces()
    {
        Assert.True(File.Exists(Python), $"{Python} is missing: ./test.sh installs python3-grpcio and python3-protobuf");
        using var descriptors = DescriptorSetFile.Write();
        var result = await ClientProcess.RunJsonAsync(Python,
            ["clients/python/mesh_describe.py", "--address", mesh.Address, "--descriptor-set", descriptors.Path,
             "--image", TinyLlava.ImagePath, "--verbatim", "--prompt", TinyLlava.Prompt,
             "--max-tokens", "5", "--json"], TimeSpan.FromSeconds(60));
        ClientProcess.AssertFixtureRun(result, 5);
    }
}
