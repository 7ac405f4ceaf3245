using System.Diagnostics;
using Grpc.Core;
using Mesh.Contracts.Common.V1;
using Mesh.Contracts.Vision.V1;
using Mesh.Core.Vision;
using Mesh.ServiceDefaults.Grpc;
using Mesh.ServiceDefaults.Hosting;
using Mesh.ServiceDefaults.Queueing;
using Mesh.ServiceDefaults.Telemetry;
using Mesh.VisionEncoder.Caching;
using Mesh.VisionEncoder.Model;
using Microsoft.Extensions.Options;
using VisionV1 = Mesh.Contracts.Vision.V1;

namespace Mesh.VisionEncoder.Grpc;

/// <summary>
/// <c>mesh.vision.v1.VisionEncoder</c>: encodes images through the loaded <see cref="VisionModel"/>,
/// serving repeated images from the <see cref="EmbeddingCache"/> without queueing.
/// </summary>
public sealed class VisionEncoderService(
    ModelHost<VisionModel> host, EmbeddingCache cache, BoundedRequestQueue queue, MeshTelemetry telemetry,
    IOptions<GrpcLimitsOptions> limits, IOptions<ImageLimitsOptions> images) : VisionV1.VisionEncoder.VisionEncoderBase
{
    /// <inheritdoc />
    public override async Task Encode(EncodeRequest request, IServerStreamWriter<EncodeResponse> responseStream, ServerCallContext context)
    {
        var model = host.Model;
        var dtype = EmbeddingDType(request.Dtype);
        string key = model.KeyFor(request.Image.Span);
        bool hit = cache.TryGet(key, out var features);
        if (hit)
            telemetry.VisionCacheHits.Add(1);
        else
        {
            telemetry.VisionCacheMisses.Add(1);
            features = await EncodeQueuedAsync(model, key, request, context.CancellationToken);
        }
        await WriteAsync(responseStream, model, key, features, dtype, hit, request.ReferenceOnly, context.CancellationToken);
    }

    /// <inheritdoc />
    public override async Task GetEmbedding(GetEmbeddingRequest request, IServerStreamWriter<EncodeResponse> responseStream, ServerCallContext context)
    {
        var model = host.Model;
        var dtype = EmbeddingDType(request.Dtype);
        if (request.EmbeddingKey.Length != 64 || !request.EmbeddingKey.All(char.IsAsciiHexDigitLower))
            RpcErrors.InvalidArgument("embedding_key", $"embedding_key '{request.EmbeddingKey}' is not a key: it must be 64 lowercase hex characters from Encode.");
        if (!cache.TryGet(request.EmbeddingKey, out var features))
        {
            telemetry.VisionCacheMisses.Add(1);
            RpcErrors.NotFound("embedding", request.EmbeddingKey,
                $"Embedding {request.EmbeddingKey} is not in the cache (never encoded here, or evicted); send the image to Encode.");
        }
        telemetry.VisionCacheHits.Add(1);
        await WriteAsync(responseStream, model, request.EmbeddingKey, features, dtype, hit: true, referenceOnly: false, context.CancellationToken);
    }

    /// <inheritdoc />
    public override Task<VisionInfo> GetInfo(GetInfoRequest request, ServerCallContext context)
    {
        var model = host.Model;
        return Task.FromResult(new VisionInfo
        {
            ModelId = model.ModelId,
            VisionSha256 = model.VisionSha256,
            InputHeight = model.InputHeight,
            InputWidth = model.InputWidth,
            ImageTokens = model.Tokens,
            EmbeddingDim = model.Dim,
            GridRows = model.GridRows,
            GridCols = model.GridCols,
            MaxImageBytes = images.Value.MaxBytes,
            MaxImagePixels = images.Value.MaxPixels,
            CacheCapacityBytes = cache.CapacityBytes,
        });
    }

    async Task<float[]> EncodeQueuedAsync(VisionModel model, string key, EncodeRequest request, CancellationToken cancellationToken)
    {
        using var slot = await queue.EnterAsync(cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        if (cache.TryGet(key, out var features)) return features; // encoded by a request that held the slot before us
        long start = Stopwatch.GetTimestamp();
        try
        {
            features = model.Encode(request.Image.Span);
        }
        catch (InvalidImageException e)
        {
            RpcErrors.InvalidArgument("image", e.Message);
        }
        telemetry.VisionEncodeDuration.Record(Stopwatch.GetElapsedTime(start).TotalSeconds);
        cache.Add(key, features);
        return features;
    }

    Task WriteAsync(IServerStreamWriter<EncodeResponse> stream, VisionModel model, string key, float[] features, DType dtype,
                    bool hit, bool referenceOnly, CancellationToken cancellationToken)
    {
        var header = new EmbeddingHeader
        {
            EmbeddingKey = key,
            ModelId = model.ModelId,
            Tensor = new TensorHeader { Shape = { model.Tokens, model.Dim } }, // [tokens, dim]
            CacheHit = hit,
        };
        return EmbeddingStream.WriteAsync(stream, header, features, dtype, limits.Value.ChunkBytes, referenceOnly, cancellationToken);
    }

    static DType EmbeddingDType(DType requested) => requested switch
    {
        DType.Unspecified or DType.F32 => DType.F32,
        DType.F16 => DType.F16,
        _ => throw RpcErrors.InvalidArgumentException("dtype", $"dtype {requested} is not offered for embeddings; use DTYPE_F32 (default) or DTYPE_F16."),
    };
}
