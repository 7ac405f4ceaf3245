using Mesh.TestKit;
namespace Mesh.EndToEnd.Tests.Clients;

/// <summary>clients/node (@grpc/grpc-js, protos loaded at run time) streams a description with traces.</summary>
public sealed class NodeClientTests(LocalMesh mesh) : IClassFixture<LocalMesh>
{
    [Fact]
    public async Task TheNodeClientStreamsTheFixtureDescriptionWithTraces()
    {
        Assert.True(Directory.Exists(Path.Combine(TinyLlava.RepoRoot, "clients", "node", "node_modules", "@grpc", "grpc-js")),
                    "clients/node has no node_modules: ./test.sh runs `npm ci --prefix clients/node`");
        using var descriptors = DescriptorSetFile.Write();
        var result = await ClientProcess.RunJsonAsync("node",
            ["clients/node/examples/describe.js", "--address", mesh.Address, "--descriptor-set", descriptors.Path,
             "--image", TinyLlava.ImagePath, "--verbatim", "--prompt", TinyLlava.Prompt,
             "--max-tokens", "5", "--json"], TimeSpan.FromSeconds(60));
        ClientProcess.AssertFixtureRun(result, 5);
    }
}
