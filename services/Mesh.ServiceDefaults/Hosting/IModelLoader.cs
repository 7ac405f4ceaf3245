namespace Mesh.ServiceDefaults.Hosting;

/// <summary>
/// What a service loads before it can serve (a model, a lexicon, a store backend), for <see cref="ModelHost{TModel}"/>:
/// the names its messages use, the load itself and what readiness says once it is loaded.
/// </summary>
public interface IModelLoader<TModel> where TModel : class
{
    /// <summary>The service, as a message's subject: "the vision encoder".</summary>
    string Service { get; }

    /// <summary>What is loaded from where: "model directory /models/shapes-vlm", "Redis at 10.0.0.5:6379".</summary>
    string Source { get; }

    /// <summary>Loads the model; runs on the thread pool. Throws, with the reason as its message, when it cannot.</summary>
    Task<TModel> LoadAsync(CancellationToken cancellationToken);

    /// <summary>What <c>/health/ready</c> says once <paramref name="model"/> is loaded ("shapes-vlm loaded: 16 image tokens").</summary>
    string Describe(TModel model);

    /// <summary>Releases <paramref name="model"/> when the host stops; by default disposes it if it is disposable.</summary>
    async ValueTask UnloadAsync(TModel model)
    {
        if (model is IAsyncDisposable asyncDisposable) await asyncDisposable.DisposeAsync();
        else if (model is IDisposable disposable) disposable.Dispose();
    }
}
