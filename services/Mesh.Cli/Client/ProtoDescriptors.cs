using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Mesh.Cli.Client;

/// <summary>
/// Every Mesh proto as one <c>FileDescriptorSet</c> (dependencies before dependents), taken from the compiled
/// contracts, for clients that build their message types at run time from descriptors (Python, grpcurl, ...).
/// </summary>
public static class ProtoDescriptors
{
    static readonly FileDescriptor[] Services =
    [
        Contracts.Decoder.V1.DecoderReflection.Descriptor,
        Contracts.Vision.V1.VisionReflection.Descriptor,
        Contracts.ContextStore.V1.ContextStoreReflection.Descriptor,
        Contracts.Judge.V1.JudgeReflection.Descriptor,
        Contracts.Segmentation.V1.SegmentationReflection.Descriptor,
    ];

    public static byte[] DescriptorSet()
    {
        var ordered = new List<FileDescriptor>();
        var seen = new HashSet<string>();
        void Visit(FileDescriptor file)
        {
            if (!seen.Add(file.Name)) return;
            foreach (var dependency in file.Dependencies) Visit(dependency);
            ordered.Add(file);
        }
        foreach (var file in Services) Visit(file);
        var set = new FileDescriptorSet();
        set.File.AddRange(ordered.Select(f => f.ToProto()));
        return set.ToByteArray();
    }
}
