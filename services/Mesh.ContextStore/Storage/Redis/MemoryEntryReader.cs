namespace Mesh.ContextStore.Storage.Redis;

/// <summary>A verified blob read whole from Redis.</summary>
public sealed class MemoryEntryReader(byte[] blob, EntryInfo info) : IEntryReader
{
    public EntryInfo Info => info;

    public ValueTask ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        blob.AsMemory((int)offset, buffer.Length).CopyTo(buffer);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
