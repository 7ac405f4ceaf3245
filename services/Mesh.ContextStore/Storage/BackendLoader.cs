using Mesh.ServiceDefaults.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Mesh.ContextStore.Storage;

/// <summary>
/// Brings the configured backend up for <see cref="ModelHost{TModel}"/>: the embedded index is rebuilt from disk, Redis
/// is connected. A failed try is retried on the same backend (a Redis connection keeps reconnecting meanwhile).
/// </summary>
public sealed class BackendLoader(IContextBackend backend, IOptions<ContextStoreOptions> options) : IModelLoader<IContextBackend>
{
    public string Service => "the context store";

    public string Source => options.Value.Backend == ContextStoreBackend.Redis
        ? $"the Redis backend at {RedisEndpoints(options.Value.RedisConnectionString)}"
        : $"the embedded backend in {options.Value.ResolveDataDirectory()}";

    public async Task<IContextBackend> LoadAsync(CancellationToken cancellationToken)
    {
        await backend.InitializeAsync(cancellationToken);
        return backend;
    }

    public string Describe(IContextBackend loaded) => loaded.Describe();

    /// <summary>The backend is the container's: it disposes it.</summary>
    public ValueTask UnloadAsync(IContextBackend loaded) => ValueTask.CompletedTask;

    // The endpoints alone: the connection string may hold a password.
    static string RedisEndpoints(string? connectionString)
    {
        try
        {
            return string.Join(", ", ConfigurationOptions.Parse(connectionString ?? "").EndPoints.Select(EndPointCollection.ToString));
        }
        catch (ArgumentException)
        {
            return "(an unreadable connection string)";
        }
    }
}
