using System.Runtime.InteropServices;
using Grpc.Core;
using Mesh.Contracts.Common.V1;
using Mesh.Contracts.Vision.V1;
using Mesh.Core.Loading;
using Mesh.Core.Vision;
using Mesh.ServiceDefaults.Hosting;
using Mesh.ServiceDefaults.Telemetry;
using Mesh.TestKit;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using System.Diagnostics.Metrics;

namespace Mesh.VisionEncoder.Tests.Grpc;

/// <summary>One vision-encoder host with the bundled model, shared by the tests of a class.</summary>
public sealed class VisionHostFixture : IAsyncLifetime
{
    public ServiceHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await VisionHost.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

public class VisionEncoderServiceTests(VisionHostFixture fixture) : IClassFixture<VisionHostFixture>
{
    readonly EmbeddingClient _client = new(fixture.Host.Channel);

    [Fact]
    public async Task EncodeEqualsTheCoreEncodingOfTheFixtureImage()
    {
        using var model = VisionLanguageModel.Load(TinyLlava.Directory, new ModelLoadOptions { Device = ExecutionDevice.Cpu });
        var direct = model.EncodeImage(Images.Fixture); // [1, 16, 64]

        var (header, bytes, _) = await _client.EncodeAsync(Images.Fixture);

        Assert.Equal(DType.F32, header.Tensor.Dtype);
        Assert.Equal([direct.Tokens, direct.Dim], header.Tensor.Shape);
        Assert.Equal(bytes.Length, header.Tensor.ByteLength);
        Assert.Equal(direct.Data, MemoryMarshal.Cast<byte, float>(bytes).ToArray());
        Assert.Equal("tiny-llava", header.ModelId);
    }

    [Fact]
    public async Task F16IsTheRoundedF32Embedding()
    {
        var image = Images.Solid(1);
        var (_, f32, _) = await _client.EncodeAsync(image, DType.F32);

        var (header, f16, _) = await _client.EncodeAsync(image, DType.F16);

        Assert.Equal(DType.F16, header.Tensor.Dtype);
        var expected = MemoryMarshal.Cast<byte, float>(f32).ToArray().Select(v => (Half)v);
        Assert.Equal(expected, MemoryMarshal.Cast<byte, Half>(f16).ToArray());
    }

    [Fact]
    public async Task ARepeatedImageIsServedFromTheCache()
    {
        using var hits = new MetricCollector<long>(fixture.Host.Get<IMeterFactory>(), MeshTelemetry.MeterName, "mesh.vision.cache.hits");
        var image = Images.Solid(2);

        var (first, firstBytes, _) = await _client.EncodeAsync(image);
        var (second, secondBytes, _) = await _client.EncodeAsync(image);

        Assert.False(first.CacheHit);
        Assert.True(second.CacheHit);
        Assert.Equal(first.EmbeddingKey, second.EmbeddingKey);
        Assert.Equal(firstBytes, secondBytes);
        Assert.Equal(1, hits.GetMeasurementSnapshot().Sum(m => m.Value));
    }

    [Fact]
    public async Task DifferentImagesHaveDifferentFullLengthKeys()
    {
        var (a, _, _) = await _client.EncodeAsync(Images.Solid(3), referenceOnly: true);
        var (b, _, _) = await _client.EncodeAsync(Images.Solid(4), referenceOnly: true);

        Assert.NotEqual(a.EmbeddingKey, b.EmbeddingKey);
        Assert.All([a.EmbeddingKey, b.EmbeddingKey], key => Assert.Matches("^[0-9a-f]{64}$", key));
    }

    [Fact]
    public async Task ReferenceOnlySendsTheHeaderAndGetEmbeddingTheBytes()
    {
        var image = Images.Solid(5);
        var (reference, none, chunks) = await _client.EncodeAsync(image, referenceOnly: true);
        var (_, full, _) = await _client.EncodeAsync(image);

        var (fetched, fetchedBytes, _) = await _client.GetAsync(reference.EmbeddingKey);

        Assert.Empty(none);
        Assert.Equal(0, chunks);
        Assert.Equal(16 * 64 * sizeof(float), reference.Tensor.ByteLength);
        Assert.True(fetched.CacheHit);
        Assert.Equal(full, fetchedBytes);
    }

    [Fact]
    public async Task AnUnknownKeyIsNotFoundAndAMalformedOneInvalid()
    {
        await RpcAssert.FailsAsync(StatusCode.NotFound, "send the image to Encode", () => _client.GetAsync(new string('a', 64)));
        await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "64 lowercase hex characters", () => _client.GetAsync("../etc/passwd"));
    }

    [Fact]
    public async Task GetInfoDescribesTheModelAndLimits()
    {
        var info = await _client.Raw.GetInfoAsync(new GetInfoRequest());

        Assert.Equal("tiny-llava", info.ModelId);
        Assert.Equal((32, 32), (info.InputHeight, info.InputWidth));
        Assert.Equal((16, 64), (info.ImageTokens, info.EmbeddingDim));
        Assert.Equal((4, 4), (info.GridRows, info.GridCols));
        Assert.Equal(3 * 1024 * 1024, info.MaxImageBytes);
        Assert.Matches("^[0-9a-f]{64}$", info.VisionSha256);
    }
}
