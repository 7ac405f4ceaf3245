using System.CommandLine;
using Mesh.Cli.Commands;

var root = new RootCommand("mesh: serve vision-language models and see how they see")
{
    GenerateCommand.Create(),
    BenchCommand.Create(),
    ImportCommand.Create(),
    DescribeCommand.Create(),
    ScenesCommand.Create(),
    TrainCommand.Create(),
    EvalCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
