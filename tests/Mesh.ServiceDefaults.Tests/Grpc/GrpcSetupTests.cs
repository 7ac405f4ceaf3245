using HealthClient = Grpc.Health.V1.Health.HealthClient;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;
using Mesh.ServiceDefaults.Grpc;
using Mesh.TestKit;

namespace Mesh.ServiceDefaults.Tests.Grpc;

public class GrpcSetupTests
{
    [Fact]
    public async Task ReflectionListsTheServices()
    {
        await using var host = await DefaultsHost.StartAsync();
        var client = new ServerReflection.ServerReflectionClient(host.Channel);

        using var call = client.ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var names = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();

        Assert.Contains("grpc.health.v1.Health", names);
        Assert.Contains("grpc.reflection.v1alpha.ServerReflection", names);
    }

    [Fact]
    public async Task AMessageOverTheReceiveLimitIsRefusedWithResourceExhausted()
    {
        var settings = new Dictionary<string, string?> { ["GrpcLimits:MaxReceiveMessageBytes"] = "65536", ["GrpcLimits:ChunkBytes"] = "16384" };
        await using var host = await DefaultsHost.StartAsync(settings);
        var client = new HealthClient(host.Channel);

        // Under the limit the request reaches the service, which knows no health service of that name.
        await RpcAssert.FailsAsync(StatusCode.NotFound, "", async () => await client.CheckAsync(new HealthCheckRequest { Service = new string('x', 60_000) }));
        await RpcAssert.FailsAsync(StatusCode.ResourceExhausted, "exceeds the maximum",
            async () => await client.CheckAsync(new HealthCheckRequest { Service = new string('x', 70_000) }));
    }

    [Fact]
    public Task AChunkThatCannotFitInAMessageIsRefusedOnStart() =>
        DefaultsHost.AssertRefusedOnStartAsync("ChunkBytes 65536 does not fit in a message",
            ("GrpcLimits:MaxSendMessageBytes", "65536"), ("GrpcLimits:ChunkBytes", "65536"));

    [Fact]
    public void DefaultsStayUnderTheGrpcDefaultMessageSize()
    {
        var limits = new GrpcLimitsOptions();

        Assert.Equal(4 * 1024 * 1024, limits.MaxReceiveMessageBytes);
        Assert.Equal(4 * 1024 * 1024, limits.MaxSendMessageBytes);
        Assert.True(limits.ChunkBytes < limits.MaxSendMessageBytes);
    }
}
