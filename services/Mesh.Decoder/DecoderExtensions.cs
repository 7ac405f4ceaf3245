using Mesh.Catalog;
using Mesh.Decoder.Mapping;
using Mesh.Decoder.Model;
using Mesh.Decoder.Streaming;
using Mesh.ServiceDefaults.Grpc;
using Mesh.ServiceDefaults.Health;
using Mesh.ServiceDefaults.Hosting;
using Mesh.ServiceDefaults.Queueing;
using Microsoft.Extensions.Options;

namespace Mesh.Decoder;

/// <summary>Everything the decoder service adds after the service defaults.</summary>
public static class DecoderExtensions
{
    public static IHostApplicationBuilder AddDecoder(this IHostApplicationBuilder builder)
    {
        builder.UseCatalogDefaults(MeshServices.Decoder);
        DecoderOptions.AddCatalogAddresses(builder.Configuration);
        builder.AddValidatedOptions<DecoderOptions>(DecoderOptions.Section);
        builder.AddImageLimits();
        builder.AddRequestQueue("decoder", $"{DecoderOptions.Section}:Queue");
        builder.AddGrpcServiceReadiness(Mesh.Contracts.Decoder.V1.Decoder.Descriptor.FullName);
        builder.AddModelHost<ServedModel, DecoderModelLoader>();
        builder.Services.AddSingleton<DecoderModel>();
        builder.Services.AddSingleton<IImageEmbeddings>(services =>
        {
            var options = services.GetRequiredService<IOptions<DecoderOptions>>().Value;
            var model = services.GetRequiredService<DecoderModel>();
            return string.IsNullOrWhiteSpace(options.VisionEncoderAddress)
                ? new LocalImageEmbeddings(model)
                : new RemoteImageEmbeddings(new Uri(options.VisionEncoderAddress));
        });
        builder.Services.AddSingleton<RequestMapper>();
        builder.Services.AddSingleton<GenerateStreamHandler>();
        builder.Services.AddSingleton<IContextStore, ContextStoreClient>();
        builder.Services.AddSingleton<Contexts.CompressHandler>();
        builder.Services.AddSingleton<Contexts.AskHandler>();
        return builder;
    }
}
