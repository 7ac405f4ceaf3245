using Mesh.Catalog;
using Mesh.Core.Loading;
using Mesh.ServiceDefaults.Hosting;
using Microsoft.Extensions.Options;

namespace Mesh.Decoder.Model;

/// <summary>
/// The one model of this service, loaded at start by <see cref="ModelHost{TModel}"/>: requests before then (or while
/// loading keeps failing) get UNAVAILABLE saying why.
/// </summary>
public sealed class DecoderModel(ModelHost<VisionLanguageModel> host)
{
    /// <summary>The loaded model, or UNAVAILABLE while it loads.</summary>
    public VisionLanguageModel Model => host.Model;

    /// <summary>The model's id: its directory name.</summary>
    public string ModelId => Path.GetFileName(Model.Directory.TrimEnd(Path.DirectorySeparatorChar));
}

/// <summary>Loads <see cref="DecoderOptions.ModelDirectory"/> (or the default model) on the configured device.</summary>
public sealed class DecoderModelLoader(IOptions<DecoderOptions> options) : IModelLoader<VisionLanguageModel>
{
    public string Service => "the decoder";

    public string Source => DefaultModel.SourceOf(options.Value.ModelDirectory);

    public Task<VisionLanguageModel> LoadAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        string directory = string.IsNullOrWhiteSpace(o.ModelDirectory) ? DefaultModel.ResolveDirectory() : o.ModelDirectory;
        return Task.FromResult(VisionLanguageModel.Load(directory, new ModelLoadOptions { Device = o.Device }));
    }

    public string Describe(VisionLanguageModel model) => $"model {model.Directory} loaded";
}
