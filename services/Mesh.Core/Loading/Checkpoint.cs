using TorchSharp;

namespace Mesh.Core.Loading;

/// <summary>
/// A model's weights: one .safetensors file, or a directory holding <c>model.safetensors</c> or a sharded
/// <c>model.safetensors.index.json</c> with its shards. Every file is mapped and its header validated at open.
/// </summary>
public sealed class Checkpoint : IDisposable
{
    /// <summary>The weights file of an unsharded model directory.</summary>
    public const string SingleFileName = "model.safetensors";

    private readonly List<SafeTensorsFile> _files;
    private readonly Dictionary<string, SafeTensorsFile> _fileOf;

    private Checkpoint(string path, List<SafeTensorsFile> files, Dictionary<string, SafeTensorsFile> fileOf)
    {
        Path = path;
        _files = files;
        _fileOf = fileOf;
    }

    /// <summary>The .safetensors file, or the index of a sharded checkpoint.</summary>
    public string Path { get; }

    /// <summary>Every tensor name, in file (or index) order.</summary>
    public IReadOnlyCollection<string> Names => _fileOf.Keys;

    /// <summary>Opens a .safetensors file or a model directory (see the class summary).</summary>
    /// <exception cref="SafeTensorsException">Nothing to open, a missing shard, or any invalid file.</exception>
    public static Checkpoint Open(string path)
    {
        var fullPath = System.IO.Path.GetFullPath(path);
        if (File.Exists(fullPath))
        {
            return OpenSingle(fullPath);
        }
        if (!Directory.Exists(fullPath))
        {
            throw new SafeTensorsException(fullPath, null, "no such file or directory");
        }
        // The order Hugging Face uses: a single file wins over an index.
        var single = System.IO.Path.Combine(fullPath, SingleFileName);
        if (File.Exists(single))
        {
            return OpenSingle(single);
        }
        var index = System.IO.Path.Combine(fullPath, CheckpointIndex.FileName);
        if (File.Exists(index))
        {
            return OpenSharded(index);
        }
        throw new SafeTensorsException(fullPath, null, $"the directory holds neither {SingleFileName} nor {CheckpointIndex.FileName}");
    }

    /// <summary>True when the checkpoint holds <paramref name="name"/>.</summary>
    public bool Contains(string name) => _fileOf.ContainsKey(name);

    /// <summary>The header entry of <paramref name="name"/>.</summary>
    /// <exception cref="SafeTensorsException">The checkpoint holds no such tensor; the message names it and the file or index.</exception>
    public SafeTensorInfo Info(string name) => FileOf(name).Tensors[name];

    /// <summary>
    /// A CPU tensor with the stored shape and dtype (F32 -> float32, BF16 -> bfloat16, U8 -> uint8, ...), or
    /// converted to <paramref name="dtype"/> when given. It owns its memory: a copy out of the mapping.
    /// </summary>
    public torch.Tensor LoadTensor(string name, torch.ScalarType? dtype = null)
    {
        var file = FileOf(name);
        var info = file.Tensors[name];
        var tensor = torch.empty(info.Shape, info.DType.ToScalarType());
        try
        {
            unsafe
            {
                TensorBytes.CopyInto((nint)file.Pointer(info), info.ByteLength, tensor);
            }
        }
        catch
        {
            tensor.Dispose();
            throw;
        }
        if (dtype is not { } wanted || wanted == tensor.dtype)
        {
            return tensor;
        }
        using (tensor)
        {
            return tensor.to_type(wanted);
        }
    }

    /// <summary>Unmaps every file.</summary>
    public void Dispose()
    {
        foreach (var file in _files)
        {
            file.Dispose();
        }
    }

    private SafeTensorsFile FileOf(string name) =>
        _fileOf.TryGetValue(name, out var file)
            ? file
            : throw new SafeTensorsException(Path, name,
                _files.Count == 1 && Path == _files[0].Path
                    ? $"not found (the file holds {_fileOf.Count} tensors)"
                    : $"not found in the index's weight_map ({_fileOf.Count} tensors in {_files.Count} shards)");

    private static Checkpoint OpenSingle(string path)
    {
        var file = SafeTensorsFile.Open(path);
        return new Checkpoint(path, [file], file.Tensors.Keys.ToDictionary(name => name, _ => file, StringComparer.Ordinal));
    }

    private static Checkpoint OpenSharded(string indexPath)
    {
        var weightMap = CheckpointIndex.ReadWeightMap(indexPath);
        var directory = System.IO.Path.GetDirectoryName(indexPath)!;
        var shards = new Dictionary<string, SafeTensorsFile>(StringComparer.Ordinal);
        var fileOf = new Dictionary<string, SafeTensorsFile>(StringComparer.Ordinal);
        try
        {
            foreach (var (name, shardName) in weightMap)
            {
                if (!shards.TryGetValue(shardName, out var shard))
                {
                    var shardPath = System.IO.Path.Combine(directory, shardName);
                    if (!File.Exists(shardPath))
                    {
                        throw new SafeTensorsException(indexPath, name, $"its shard {shardName} does not exist in {directory}");
                    }
                    shards[shardName] = shard = SafeTensorsFile.Open(shardPath);
                }
                if (!shard.Tensors.ContainsKey(name))
                {
                    throw new SafeTensorsException(indexPath, name, $"the index places it in {shardName}, which does not hold it");
                }
                fileOf[name] = shard;
            }
        }
        catch
        {
            foreach (var shard in shards.Values)
            {
                shard.Dispose();
            }
            throw;
        }
        return new Checkpoint(indexPath, [.. shards.Values], fileOf);
    }
}
