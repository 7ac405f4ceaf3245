using System.CommandLine;
using Mesh.Cli.Commands;

var root = new RootCommand("mesh: serve vision-language models and see how they see")
{
    GenerateCommand.Create(),
    BenchCommand.Create(),
    ImportCommand.Create(),
    DescribeCommand.Create(),
    ProtosCommand.Create(),
    ExperimentCommand.Create(),
    ContextCommands.Compress(),
    ContextCommands.Ask(),
    ScenesCommand.Create(),
    UpCommand.Create(),
    JudgeCommand.Create(),
    SegmentCommand.Create(),
    TrainCommand.Create(),
    EvalCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
