using Grpc.Reflection.V1Alpha;
using Mesh.Catalog;
using Mesh.Gateway.Tests.TestHosts;

namespace Mesh.Gateway.Tests;

/// <summary>Server reflection on the gateway's gRPC port answers for every mesh service behind it.</summary>
public sealed class ReflectionTests : IAsyncLifetime
{
    TestGateway _gateway = null!;

    public async Task InitializeAsync() => _gateway = await TestGateway.StartAsync([]);

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task ReflectionListsEveryMeshServiceAndResolvesItsFile()
    {
        var client = new ServerReflection.ServerReflectionClient(_gateway.GrpcChannel());
        using var call = client.ServerReflectionInfo();

        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.ResponseStream.MoveNext(CancellationToken.None);
        var listed = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();

        await call.RequestStream.WriteAsync(new ServerReflectionRequest { FileContainingSymbol = "mesh.decoder.v1.Decoder" });
        await call.ResponseStream.MoveNext(CancellationToken.None);
        var files = call.ResponseStream.Current.FileDescriptorResponse.FileDescriptorProto
            .Select(bytes => Google.Protobuf.Reflection.FileDescriptorProto.Parser.ParseFrom(bytes)).ToList();
        await call.RequestStream.CompleteAsync();

        foreach (var service in MeshServices.Backends.SelectMany(b => b.GrpcServices))
            Assert.Contains(service.FullName, listed);
        Assert.Contains("grpc.health.v1.Health", listed);
        Assert.Contains(files, f => f.Service.Any(s => s.Name == "Decoder" && s.Method.Any(m => m.Name == "Generate")));
    }
}
