using TorchSharp;
using static TorchSharp.torch;

namespace Mesh.Core.Loading;

/// <summary>
/// Copies a checkpoint into a module whose parameter names are the checkpoint keys after <c>prefix</c>.
/// Every parameter is checked (present, exact shape) before any is copied, so a malformed checkpoint fails
/// fast and names the tensor.
/// </summary>
public static class ModuleWeights
{
    /// <param name="trainable">Whether the parameters keep <c>requires_grad</c> (training) or are frozen (inference).</param>
    public static void Load(nn.Module module, Checkpoint checkpoint, string prefix, bool trainable)
    {
        var parameters = module.named_parameters().ToList();
        foreach (var (name, parameter) in parameters)
            Check(checkpoint, prefix + name, parameter.shape);
        using var noGrad = no_grad();
        foreach (var (name, parameter) in parameters)
        {
            using var value = checkpoint.LoadTensor(prefix + name, parameter.dtype);
            parameter.copy_(value);
            parameter.requires_grad = trainable;
        }
    }

    /// <summary>Throws <see cref="ModelLoadException"/> unless the checkpoint holds <paramref name="key"/> with shape <paramref name="shape"/>.</summary>
    public static void Check(Checkpoint checkpoint, string key, long[] shape)
    {
        if (!checkpoint.Contains(key))
            throw new ModelLoadException($"{checkpoint.Path}: missing tensor '{key}' (shape [{string.Join(", ", shape)}])");
        var stored = checkpoint.Info(key).Shape;
        if (!stored.SequenceEqual(shape))
            throw new ModelLoadException($"{checkpoint.Path}: tensor '{key}' has shape [{string.Join(", ", stored)}], " +
                                         $"the config needs [{string.Join(", ", shape)}]");
    }
}
