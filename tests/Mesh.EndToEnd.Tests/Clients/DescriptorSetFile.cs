using Mesh.Cli.Client;

namespace Mesh.EndToEnd.Tests.Clients;

/// <summary>`mesh protos descriptor-set` written to a temporary file for a client process; deleted on dispose.</summary>
internal sealed class DescriptorSetFile : IDisposable
{
    DescriptorSetFile(string path) => Path = path;

    public string Path { get; }

    public static DescriptorSetFile Write()
    {
        string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"mesh-{Guid.NewGuid():N}.pb");
        File.WriteAllBytes(path, ProtoDescriptors.DescriptorSet());
        return new DescriptorSetFile(path);
    }

    public void Dispose() => File.Delete(Path);
}
