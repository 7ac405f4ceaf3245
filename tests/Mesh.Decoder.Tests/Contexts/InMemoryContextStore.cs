using System.Collections.Concurrent;
using Google.Protobuf.WellKnownTypes;
using Mesh.Contracts.ContextStore.V1;
using Mesh.Decoder.Model;
using Mesh.ServiceDefaults.Grpc;

namespace Mesh.Decoder.Tests.Contexts;

/// <summary>A context store in memory; <c>configured: false</c> plays a decoder with no store address.</summary>
public sealed class InMemoryContextStore(bool configured = true) : IContextStore
{
    readonly ConcurrentDictionary<string, (ContextEntry Entry, byte[] Data)> _contexts = new();

    public IReadOnlyCollection<string> Ids => [.. _contexts.Keys];

    public void EnsureConfigured()
    {
        if (!configured) RpcErrors.FailedPrecondition("this decoder has no context store (set Decoder:ContextStoreAddress); Compress and Ask need one");
    }

    public Task EnsureReachableAsync(CancellationToken cancellationToken)
    {
        EnsureConfigured();
        return Task.CompletedTask;
    }

    public Task<ContextEntry> PutAsync(byte[] data, string modelId, TimeSpan? ttl, CancellationToken cancellationToken)
    {
        EnsureConfigured();
        var entry = new ContextEntry
        {
            ContextId = $"ctx-{_contexts.Count + 1}", SizeBytes = data.Length, Metadata = new ContextMetadata { ModelId = modelId },
            ExpireTime = Timestamp.FromDateTime(DateTime.UtcNow + (ttl ?? TimeSpan.FromHours(1))),
        };
        _contexts[entry.ContextId] = (entry, data);
        return Task.FromResult(entry);
    }

    /// <summary>Stores <paramref name="data"/> under <paramref name="contextId"/> as it is (damaged or foreign contexts, say).</summary>
    public void Put(string contextId, byte[] data) => _contexts[contextId] = (new ContextEntry { ContextId = contextId, SizeBytes = data.Length }, data);

    public Task<(ContextEntry Entry, byte[] Data)> GetAsync(string contextId, CancellationToken cancellationToken)
    {
        EnsureConfigured();
        if (!_contexts.TryGetValue(contextId, out var stored)) RpcErrors.NotFound("context", contextId, $"context {contextId} is unknown or expired");
        return Task.FromResult(stored);
    }
}
