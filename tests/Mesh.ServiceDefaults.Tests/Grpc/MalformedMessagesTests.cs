using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Mesh.Contracts.Decoder.V1;
using Mesh.TestKit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Mesh.ServiceDefaults.Tests.Grpc;

/// <summary>A request that is not valid protobuf is INVALID_ARGUMENT, logged without an exception; the service goes on serving.</summary>
public sealed class MalformedMessagesTests
{
    static readonly Marshaller<byte[]> Raw = Marshallers.Create(bytes => bytes, bytes => bytes);
    static readonly Method<byte[], byte[]> Compress = new(MethodType.Unary, Decoder.Descriptor.FullName, "Compress", Raw, Raw);

    /// <summary>A CompressRequest whose prompt text is the invalid UTF-8 sequence C3 28.</summary>
    static byte[] InvalidUtf8Prompt()
    {
        byte[] bytes = new CompressRequest { Prompt = new Prompt { Text = "\u00e9\u00e9" } }.ToByteArray();
        int at = bytes.AsSpan().IndexOf([(byte)0xC3, (byte)0xA9, (byte)0xC3, (byte)0xA9]);
        bytes[at + 1] = 0x28;
        return bytes;
    }

    [Theory]
    [InlineData("utf8")]
    [InlineData("truncated")]
    public async Task AMalformedRequestIsInvalidArgumentAndLogsNoException(string kind)
    {
        await using var host = await ServiceHost.StartAsync(
            builder => { builder.AddServiceDefaults(); builder.Logging.AddFakeLogging(); },
            app => { app.MapDefaultEndpoints(); app.MapGrpcService<FailingDecoder>(); },
            new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Information" });
        var invoker = host.Channel.CreateCallInvoker();
        byte[] request = kind == "utf8" ? InvalidUtf8Prompt() : [0x1A, 0x7F, 0x0A]; // a length past the end

        var error = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "not a valid protobuf message",
            async () => await invoker.AsyncUnaryCall(Compress, null, new CallOptions(), request));
        Assert.NotNull(error.GetRpcStatus()?.GetDetail<BadRequest>());

        var answer = await new Decoder.DecoderClient(host.Channel).CompressAsync(new CompressRequest { Prompt = new Prompt { Text = "fine" } });
        Assert.Equal("4", answer.ContextId);
        // Grpc.AspNetCore still notes "Error reading message" at Information, carrying the INVALID_ARGUMENT it answered;
        // nothing reaches Warning, and no parser exception (with its stack through protobuf) is logged.
        var records = host.Services.GetFakeLogCollector().GetSnapshot();
        var loud = records.Where(r => r.Level >= LogLevel.Warning).Select(r => $"{r.Level} {r.Category}: {r.Message}");
        Assert.True(!loud.Any(), string.Join("\n", loud));
        Assert.All(records.Where(r => r.Exception is not null),
            r => Assert.Equal(StatusCode.InvalidArgument, Assert.IsType<RpcException>(r.Exception).StatusCode));
    }
}
