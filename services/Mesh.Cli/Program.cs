using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
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
var parse = root.Parse(args);
// A bad option value gets its one line; the usage is printed only when the command line itself is malformed.
if (parse.Action is ParseErrorAction errors && parse.Errors.All(e => e.SymbolResult is OptionResult or ArgumentResult { Parent: OptionResult }))
    errors.ShowHelp = false;
return await parse.InvokeAsync();
