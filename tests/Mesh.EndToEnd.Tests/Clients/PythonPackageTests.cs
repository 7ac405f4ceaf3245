using Mesh.EndToEnd.Tests.Experiments;
using Mesh.TestKit;
using System.Text.RegularExpressions;

namespace Mesh.EndToEnd.Tests.Clients;

/// <summary>
/// clients/python's pytest suite (the mesh-client package, imported from its source tree) against a mesh over
/// models/shapes-vlm with the judge and segmentation, whose gateway it finds in MESH_ADDRESS.
/// </summary>
public sealed partial class PythonPackageTests(ShapesMesh mesh) : IClassFixture<ShapesMesh>
{
    // Debian's interpreter: python3-grpcio, python3-numpy and python3-pytest are installed for it (./test.sh).
    const string Python = "/usr/bin/python3";

    [Fact]
    public async Task ThePythonPackagePassesItsTestsAgainstARunningMesh()
    {
        Assert.True(File.Exists(Python), $"{Python} is missing: ./test.sh installs Debian's python3 packages");
        string output = await ClientProcess.RunAsync(Python,
            ["-m", "pytest", "clients/python/tests", "-q", "-p", "no:cacheprovider", "-rfE"],
            new Dictionary<string, string> { ["MESH_ADDRESS"] = mesh.Address, ["PYTHONDONTWRITEBYTECODE"] = "1" },
            TimeSpan.FromMinutes(8));
        // pytest exits 0 only when every collected test passed; the count guards against a suite that collected nothing.
        var summary = PassedLine().Match(output);
        Assert.True(summary.Success, $"no pytest summary in: {output}");
        Assert.True(int.Parse(summary.Groups[1].Value) >= 15, output);
        Assert.DoesNotContain("skipped", output);
    }

    [GeneratedRegex(@"(\d+) passed")]
    private static partial Regex PassedLine();
}
