using Mesh.Catalog;
using Mesh.Core.Loading;
using Mesh.ServiceDefaults.Grpc;
using Mesh.ServiceDefaults.Health;
using Mesh.ServiceDefaults.Hosting;
using Microsoft.Extensions.Options;

namespace Mesh.Decoder.Model;

/// <summary>
/// The one model of this service, loaded once in the background at start; readiness turns on when it is
/// loaded (or reports why loading failed). Requests before then get UNAVAILABLE.
/// </summary>
public sealed class DecoderModel(IOptions<DecoderOptions> options, IOptions<ImageLimitsOptions> images, ServiceReadiness readiness,
                                 ILogger<DecoderModel> logger)
    : BackgroundService, IDisposable
{
    volatile VisionLanguageModel? model;
    string identity = "";

    /// <summary>The loaded model, or UNAVAILABLE while it loads.</summary>
    public VisionLanguageModel Model
    {
        get
        {
            if (model is { } loaded) return loaded;
            RpcErrors.Unavailable($"the decoder is not ready: {readiness.Description}", TimeSpan.FromSeconds(2));
            return null!;
        }
    }

    /// <summary>The model's content identity (<see cref="ModelIdentity"/>), which stored contexts are matched by.</summary>
    public string ModelId => Model is not null ? identity : "";

    /// <summary>The model's directory name, for people to read.</summary>
    public string ModelName => Path.GetFileName(Model.Directory.TrimEnd(Path.DirectorySeparatorChar));

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() =>
    {
        string directory = string.IsNullOrWhiteSpace(options.Value.ModelDirectory) ? DefaultModel.ResolveDirectory() : options.Value.ModelDirectory;
        try
        {
            // Hashed alongside the load, which reads the same files.
            var hashing = Task.Run(() => ModelIdentity.Of(directory), stoppingToken);
            // With a vision-encoder service the images are encoded there, so the model's own tower stays on disk.
            var load = new ModelLoadOptions
            {
                Device = options.Value.Device, LoadVision = string.IsNullOrWhiteSpace(options.Value.VisionEncoderAddress),
                ImageLimits = new Mesh.Core.Vision.ImageLimits(images.Value.MaxPixels, images.Value.MaxBytes),
            };
            var loaded = VisionLanguageModel.Load(directory, load);
            try { identity = hashing.GetAwaiter().GetResult(); }
            catch { loaded.Dispose(); throw; }
            model = loaded;
            readiness.MarkReady($"model {directory} loaded");
            logger.LogInformation("Loaded {Directory}", directory);
        }
        catch (Exception e) when (e is ModelLoadException or ModelConfigException or IOException or InvalidDataException)
        {
            readiness.MarkFailed($"loading {directory} failed: {e.Message}");
            logger.LogError(e, "Loading {Directory} failed", directory);
        }
    }, stoppingToken);

    public override void Dispose()
    {
        model?.Dispose();
        base.Dispose();
    }
}
