using System.CommandLine;
using Mesh.Cli.Client;
using Spectre.Console;

namespace Mesh.Cli.Commands;

/// <summary><c>mesh protos descriptor-set FILE</c>: the compiled protos as a FileDescriptorSet for dynamic clients.</summary>
public static class ProtosCommand
{
    public static Command Create()
    {
        var output = new Argument<FileInfo>("file") { Description = "Where to write the FileDescriptorSet (binary protobuf)" };
        var descriptorSet = new Command("descriptor-set", "Write every Mesh proto, with its imports, as one FileDescriptorSet") { output };
        descriptorSet.SetAction(parse =>
        {
            var file = parse.GetValue(output)!;
            File.WriteAllBytes(file.FullName, ProtoDescriptors.DescriptorSet());
            AnsiConsole.MarkupLineInterpolated($"[green]wrote[/] {file.FullName}");
            return 0;
        });
        return new Command("protos", "The service contracts for clients in other languages (the .proto files live in protos/)") { descriptorSet };
    }
}
