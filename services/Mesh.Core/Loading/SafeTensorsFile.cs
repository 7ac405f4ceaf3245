using System.Buffers.Binary;
using System.IO.MemoryMappedFiles;

namespace Mesh.Core.Loading;

/// <summary>
/// One .safetensors file, memory-mapped read-only. The header is validated in full by <see cref="Open"/>,
/// so every later read stays inside the mapping. Layout: an 8-byte little-endian header length N, N bytes
/// of JSON, then the data section that the header's <c>data_offsets</c> index.
/// </summary>
public sealed unsafe partial class SafeTensorsFile : IDisposable
{
    /// <summary>Headers past this are treated as corrupt rather than read (the reference implementation's limit).</summary>
    public const long MaxHeaderLength = 100_000_000;

    private readonly MemoryMappedFile _map;
    private readonly MemoryMappedViewAccessor _view;
    private byte* _data;

    private SafeTensorsFile(string path, MemoryMappedFile map, MemoryMappedViewAccessor view, byte* data,
        Dictionary<string, SafeTensorInfo> tensors, Dictionary<string, string> metadata)
    {
        Path = path;
        _map = map;
        _view = view;
        _data = data;
        Tensors = tensors;
        Metadata = metadata;
    }

    /// <summary>The full path of the file.</summary>
    public string Path { get; }

    /// <summary>Every tensor's header entry, by name.</summary>
    public IReadOnlyDictionary<string, SafeTensorInfo> Tensors { get; }

    /// <summary>The header's <c>__metadata__</c> (empty when absent).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Maps <paramref name="path"/> and validates its header.</summary>
    /// <exception cref="SafeTensorsException">The file is missing, unreadable, truncated or not valid safetensors.</exception>
    public static SafeTensorsFile Open(string path)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("safetensors data is little-endian; this reader maps it as is");
        }
        var fullPath = System.IO.Path.GetFullPath(path);
        FileStream stream;
        try
        {
            stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SafeTensorsException(fullPath, null, $"cannot open: {e.Message}", e);
        }

        MemoryMappedFile? map = null;
        MemoryMappedViewAccessor? view = null;
        byte* start = null;
        try
        {
            var fileLength = stream.Length;
            if (fileLength < sizeof(ulong))
            {
                throw new SafeTensorsException(fullPath, null, $"the file is {fileLength} bytes, too short for the 8-byte header length");
            }
            map = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
            view = map.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref start);
            var file = start + view.PointerOffset;

            var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(new ReadOnlySpan<byte>(file, sizeof(ulong)));
            if (headerLength > MaxHeaderLength)
            {
                throw new SafeTensorsException(fullPath, null, $"the header length {headerLength} is over the {MaxHeaderLength}-byte limit (corrupt file?)");
            }
            if ((long)headerLength > fileLength - sizeof(ulong))
            {
                throw new SafeTensorsException(fullPath, null,
                    $"the header length {headerLength} runs past the end of the {fileLength}-byte file (truncated or corrupt)");
            }
            var json = new ReadOnlySpan<byte>(file + sizeof(ulong), (int)headerLength).ToArray();
            var dataStart = sizeof(ulong) + (long)headerLength;
            var (tensors, metadata) = SafeTensorsHeader.Parse(fullPath, json, fileLength - dataStart);
            return new SafeTensorsFile(fullPath, map, view, file + dataStart, tensors, metadata);
        }
        catch (Exception e)
        {
            if (start != null)
            {
                view!.SafeMemoryMappedViewHandle.ReleasePointer();
            }
            view?.Dispose();
            if (map is null)
            {
                stream.Dispose();
            }
            map?.Dispose();
            if (e is IOException or UnauthorizedAccessException)
            {
                throw new SafeTensorsException(fullPath, null, $"cannot map: {e.Message}", e);
            }
            throw;
        }
    }

    /// <summary>Releases the mapping. Spans from <see cref="GetBytes"/> must not be used afterwards.</summary>
    public void Dispose()
    {
        if (_data == null)
        {
            return;
        }
        _data = null;
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _map.Dispose();
    }
}
