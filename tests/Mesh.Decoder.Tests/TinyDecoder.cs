using Mesh.Decoder.Contexts;
using Mesh.Decoder.Mapping;
using Mesh.Decoder.Model;
using Mesh.Decoder.Streaming;
using Mesh.ServiceDefaults.Grpc;
using Mesh.ServiceDefaults.Health;
using Mesh.ServiceDefaults.Hosting;
using Mesh.TestKit;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Mesh.Decoder.Tests;

/// <summary>
/// The decoder's parts over the tiny-llava parity model, without a server: the model loaded as the service loads
/// it, the request mapper and the local image encoder, for unit tests of the mapping and the stream handlers.
/// </summary>
public sealed class TinyDecoder : IAsyncLifetime
{
    public IOptions<DecoderOptions> Options { get; } = Microsoft.Extensions.Options.Options.Create(new DecoderOptions
    {
        ModelDirectory = TinyLlava.Directory, MaxTokensLimit = 250, DefaultMaxTokens = 8, RowChunkBytes = 1024,
    });

    public IOptions<ImageLimitsOptions> ImageLimits { get; } = Microsoft.Extensions.Options.Options.Create(new ImageLimitsOptions());

    ModelHost<ServedModel> _host = null!;

    public DecoderModel Model { get; private set; } = null!;
    public RequestMapper Mapper { get; private set; } = null!;
    public IImageEmbeddings Images { get; private set; } = null!;
    public TestTelemetry Telemetry { get; } = new();

    /// <summary>The Generate handler, as the service builds it.</summary>
    public GenerateStreamHandler Generation => new(Model, Images, Telemetry.Telemetry, Options);

    public CompressHandler Compress(IContextStore store) => new(Model, Mapper, Images, store);

    public AskHandler Ask(IContextStore store) => new(Model, Mapper, store, Generation, Telemetry.Telemetry);

    public async Task InitializeAsync()
    {
        _host = new ModelHost<ServedModel>(new DecoderModelLoader(Options, ImageLimits), new ServiceReadiness(), TimeProvider.System,
                                           NullLogger<ModelHost<ServedModel>>.Instance);
        await _host.StartAsync(CancellationToken.None);
        await _host.WhenLoadedAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
        Model = new DecoderModel(_host);
        Mapper = new RequestMapper(Model, Options, ImageLimits);
        Images = new LocalImageEmbeddings(Model);
    }

    public async Task DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
        Telemetry.Dispose();
    }
}
