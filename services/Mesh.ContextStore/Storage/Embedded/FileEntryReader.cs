using Microsoft.Win32.SafeHandles;

namespace Mesh.ContextStore.Storage.Embedded;

/// <summary>An entry's file open for reading, its blob verified; deleting or evicting the entry meanwhile does not disturb it.</summary>
public sealed class FileEntryReader(SafeFileHandle file, EntryInfo info) : IEntryReader
{
    public EntryInfo Info => info;

    public ValueTask ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken) =>
        EntryFile.ReadExactlyAsync(file, buffer, offset, cancellationToken);

    public ValueTask DisposeAsync()
    {
        file.Dispose();
        return ValueTask.CompletedTask;
    }
}
