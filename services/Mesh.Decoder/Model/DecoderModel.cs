using Mesh.Catalog;
using Mesh.Core.Loading;
using Mesh.ServiceDefaults.Grpc;
using Mesh.ServiceDefaults.Hosting;
using Microsoft.Extensions.Options;

namespace Mesh.Decoder.Model;

/// <summary>
/// The one model of this service, loaded at start by <see cref="ModelHost{TModel}"/>: requests before then (or while
/// loading keeps failing) get UNAVAILABLE saying why.
/// </summary>
public sealed class DecoderModel(ModelHost<ServedModel> host)
{
    /// <summary>The loaded model, or UNAVAILABLE while it loads.</summary>
    public VisionLanguageModel Model => host.Model.Model;

    /// <summary>The model's content identity (<see cref="ModelIdentity"/>), which stored contexts are matched by.</summary>
    public string ModelId => host.Model.Identity;

    /// <summary>The model's directory name, for people to read.</summary>
    public string ModelName => Path.GetFileName(Model.Directory.TrimEnd(Path.DirectorySeparatorChar));
}

/// <summary>The loaded model and its content identity, hashed from the same files.</summary>
public sealed record ServedModel(VisionLanguageModel Model, string Identity) : IDisposable
{
    public void Dispose() => Model.Dispose();
}

/// <summary>
/// Loads <see cref="DecoderOptions.ModelDirectory"/> (or the default model) on the configured device, hashing its
/// identity alongside. With a vision-encoder service the images are encoded there, so the model's own tower stays on disk.
/// </summary>
public sealed class DecoderModelLoader(IOptions<DecoderOptions> options, IOptions<ImageLimitsOptions> images) : IModelLoader<ServedModel>
{
    public string Service => "the decoder";

    public string Source => DefaultModel.SourceOf(options.Value.ModelDirectory);

    public async Task<ServedModel> LoadAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        string directory = string.IsNullOrWhiteSpace(o.ModelDirectory) ? DefaultModel.ResolveDirectory() : o.ModelDirectory;
        // Hashed alongside the load, which reads the same files.
        var hashing = Task.Run(() => ModelIdentity.Of(directory), cancellationToken);
        var load = new ModelLoadOptions
        {
            Device = o.Device, LoadVision = string.IsNullOrWhiteSpace(o.VisionEncoderAddress),
            ImageLimits = new Mesh.Core.Vision.ImageLimits(images.Value.MaxPixels, images.Value.MaxBytes, images.Value.MaxPixelsPerByte),
        };
        var model = VisionLanguageModel.Load(directory, load);
        try
        {
            return new ServedModel(model, await hashing);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    public string Describe(ServedModel served) => $"model {served.Model.Directory} loaded";
}
