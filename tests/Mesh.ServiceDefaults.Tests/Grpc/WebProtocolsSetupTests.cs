using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Web;
using Mesh.Contracts.Decoder.V1;
using DecoderClient = Mesh.Contracts.Decoder.V1.Decoder.DecoderClient;
using Mesh.TestKit;
using Microsoft.AspNetCore.Builder;

namespace Mesh.ServiceDefaults.Tests.Grpc;

/// <summary>
/// JSON and gRPC-Web on a service's port, over real HTTP: the message limit holds on every protocol, and every error of
/// <c>RpcErrors</c> reaches a JSON caller with its HTTP status and its details.
/// </summary>
public sealed class WebProtocolsSetupTests : IAsyncLifetime
{
    const int Limit = 65536;
    ServiceHost _host = null!;
    HttpClient _json = null!;

    public async Task InitializeAsync()
    {
        _host = await ServiceHost.StartAsync(
            builder => builder.AddServiceDefaults(),
            app => { app.MapDefaultEndpoints(); app.MapGrpcService<FailingDecoder>(); },
            new Dictionary<string, string?> { ["GrpcLimits:MaxReceiveMessageBytes"] = $"{Limit}", ["GrpcLimits:ChunkBytes"] = "16384" });
        // The gRPC port speaks cleartext HTTP/2 only.
        _json = new HttpClient
        {
            BaseAddress = _host.Endpoints.GrpcAddress, DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
    }

    public async Task DisposeAsync()
    {
        _json.Dispose();
        await _host.DisposeAsync();
    }

    static string Body(int promptChars) => JsonSerializer.Serialize(new { prompt = new { text = new string('a', promptChars) } });

    [Fact]
    public async Task AJsonBodyUnderTheMessageLimitArrivesWhole()
    {
        using var response = await _json.PostAsync("/v1/decoder:compress", new StringContent(Body(Limit - 1000), Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        Assert.Equal($"{Limit - 1000}", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("contextId").GetString());
    }

    [Fact]
    public async Task AJsonBodyOverTheMessageLimitIsRefusedWithItsSizeAndTheSetting()
    {
        using var response = await _json.PostAsync("/v1/decoder:compress", new StringContent(Body(Limit + 10), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)StatusCode.ResourceExhausted, error.GetProperty("code").GetInt32());
        Assert.Contains("GrpcLimits:MaxReceiveMessageBytes", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task AJsonBodyOfUndeclaredLengthIsCutOffAtTheMessageLimit()
    {
        using var content = new UnsizedContent(Encoding.UTF8.GetBytes(Body(Limit + 10)));
        content.Headers.ContentType = new("application/json");
        using var response = await _json.PostAsync("/v1/decoder:compress", content);

        Assert.False(response.IsSuccessStatusCode, $"answered {(int)response.StatusCode}");
        Assert.Contains("too large", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString());
    }

    /// <summary>A body sent without Content-Length, as a client streaming its upload does.</summary>
    sealed class UnsizedContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    [Fact]
    public async Task AGrpcWebMessageOverTheLimitIsResourceExhaustedAsOverNativeGrpc()
    {
        using var channel = GrpcChannel.ForAddress(_host.Endpoints.GrpcAddress,
            new GrpcChannelOptions { HttpHandler = new GrpcWebHandler(GrpcWebMode.GrpcWeb, new HttpClientHandler()), HttpVersion = HttpVersion.Version20, HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact });
        var client = new DecoderClient(channel);
        var request = new CompressRequest { Prompt = new Prompt { Text = new string('a', Limit + 10) } };

        await RpcAssert.FailsAsync(StatusCode.ResourceExhausted, "", async () => await client.CompressAsync(request));
        await RpcAssert.FailsAsync(StatusCode.ResourceExhausted, "", async () => await new DecoderClient(_host.Channel).CompressAsync(request));
    }

    [Theory]
    [MemberData(nameof(FailingDecoder.Failures), MemberType = typeof(FailingDecoder))]
    public async Task EveryErrorAnswersJsonWithItsHttpStatusAndWhatWasWrong(string prompt, StatusCode code, int httpStatus)
    {
        using var response = await _json.PostAsJsonAsync("/v1/decoder:compress", new { prompt = new { text = prompt } });

        Assert.Equal(httpStatus, (int)response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)code, error.GetProperty("code").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        if (code == StatusCode.InvalidArgument)
        {
            var detail = Assert.Single(error.GetProperty("details").EnumerateArray());
            Assert.Equal("type.googleapis.com/google.rpc.BadRequest", detail.GetProperty("@type").GetString());
            Assert.Equal("prompt.text", detail.GetProperty("fieldViolations")[0].GetProperty("field").GetString());
        }
    }
}
