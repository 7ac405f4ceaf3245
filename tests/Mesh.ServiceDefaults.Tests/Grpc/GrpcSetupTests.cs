using HealthClient = Grpc.Health.V1.Health.HealthClient;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;
using Mesh.ServiceDefaults.Grpc;
using Microsoft.Extensions.Options;

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

        var underLimit = await Assert.ThrowsAsync<RpcException>(
            async () => await client.CheckAsync(new HealthCheckRequest { Service = new string('x', 60_000) }));
        var overLimit = await Assert.ThrowsAsync<RpcException>(
            async () => await client.CheckAsync(new HealthCheckRequest { Service = new string('x', 70_000) }));

        Assert.Equal(StatusCode.NotFound, underLimit.StatusCode); // reached the service: no such health service name
        Assert.Equal(StatusCode.ResourceExhausted, overLimit.StatusCode);
    }

    [Fact]
    public async Task AChunkThatCannotFitInAMessageIsRefusedOnStart()
    {
        var settings = new Dictionary<string, string?> { ["GrpcLimits:MaxSendMessageBytes"] = "65536", ["GrpcLimits:ChunkBytes"] = "65536" };

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => DefaultsHost.StartAsync(settings));

        Assert.Contains("ChunkBytes", error.Message);
    }

    [Fact]
    public void DefaultsStayUnderTheGrpcDefaultMessageSize()
    {
        var limits = new GrpcLimitsOptions();

        Assert.Equal(4 * 1024 * 1024, limits.MaxReceiveMessageBytes);
        Assert.Equal(4 * 1024 * 1024, limits.MaxSendMessageBytes);
        Assert.True(limits.ChunkBytes < limits.MaxSendMessageBytes);
    }
}
