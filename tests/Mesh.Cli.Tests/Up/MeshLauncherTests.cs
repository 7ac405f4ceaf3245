using System.Net;
using Grpc.Core;
using Grpc.Net.Client;
using Mesh.Catalog;
using Mesh.Cli.Up;
using Mesh.Contracts.Judge.V1;

namespace Mesh.Cli.Tests.Up;

/// <summary>The launcher with real processes: the built gateway alone (no backend needs to exist), and a service that cannot start.</summary>
public sealed class MeshLauncherTests
{
    static readonly LaunchOptions Options = new(Build: false, FreePorts: true, ReadyTimeout: TimeSpan.FromSeconds(60));

    [Fact]
    public async Task StartsTheGatewayReadyRoutingAndStopsItWithNoProcessLeft()
    {
        var launcher = new MeshLauncher(RepositoryLayout.Current(), Options, _ => { });
        int gatewayPid;
        Uri grpc;
        await using (var mesh = await launcher.StartAsync([], CancellationToken.None))
        {
            var gateway = mesh.Gateway;
            gatewayPid = gateway.ProcessId;
            grpc = gateway.Ports.GrpcAddress;
            using var http = new HttpClient();
            var ready = await http.GetAsync(new Uri(gateway.Ports.ManagementAddress, "/health/ready"));
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);

            // No judge was started, so the gateway has no replica for it and says so.
            using var channel = GrpcChannel.ForAddress(grpc);
            var error = await Assert.ThrowsAsync<RpcException>(() => new Judge.JudgeClient(channel).CompareAsync(new CompareRequest()).ResponseAsync);
            Assert.Equal(StatusCode.Unavailable, error.StatusCode);
            Assert.Equal(["gateway"], mesh.Services.Select(s => s.Service.Name));
        }

        Assert.Throws<ArgumentException>(() => System.Diagnostics.Process.GetProcessById(gatewayPid));
    }

    [Fact]
    public async Task AServiceThatCannotStartIsNamedWithItsLastLinesAndNothingIsLeftRunning()
    {
        var root = Directory.CreateTempSubdirectory("mesh-broken-");
        try
        {
            var layout = new RepositoryLayout(root.FullName, "Debug", "net10.0");
            var project = Directory.CreateDirectory(Path.Combine(root.FullName, "services", "Mesh.Gateway"));
            File.WriteAllText(Path.Combine(project.FullName, "Mesh.Gateway.csproj"), "<Project />");
            Directory.CreateDirectory(Path.GetDirectoryName(layout.AssemblyOf(MeshServices.Gateway))!);
            File.WriteAllText(layout.AssemblyOf(MeshServices.Gateway), "not an assembly");

            var error = await Assert.ThrowsAsync<MeshStartException>(() =>
                new MeshLauncher(layout, Options, _ => { }).StartAsync([], CancellationToken.None));

            Assert.Equal("gateway", error.Service);
            Assert.Contains("exited with code", error.Message);
            Assert.NotEmpty(error.LastLines);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }
}
