using System.CommandLine;

namespace Mesh.Cli.Commands;

public static class GenerateCommand
{
    public static Command Create() => new("generate", "Greedy generation from an image and a prompt");
}
