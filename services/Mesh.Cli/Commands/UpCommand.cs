using System.CommandLine;
using Mesh.Catalog;
using Mesh.Cli.Up;
using Spectre.Console;

namespace Mesh.Cli.Commands;

/// <summary><c>mesh up</c>: a local mesh, every service its own process on loopback behind the gateway, until Ctrl-C.</summary>
public static class UpCommand
{
    public static Command Create()
    {
        var noBuild = new Option<bool>("--no-build") { Description = "Start the services as last built instead of running dotnet build on each first" };
        var freePorts = new Option<bool>("--free-ports") { Description = "Use free ports instead of the catalog's defaults (gateway 5000/5002)" };
        var timeout = new Option<int>("--timeout") { Description = "Seconds each service may take to become ready", DefaultValueFactory = _ => 180 }
            .AtLeast(1);
        var model = ModelOption("Model directory every service that loads a model serves (default: models/shapes-vlm)");
        var command = new Command("up", "Start every service on loopback behind the gateway; Ctrl-C stops them all")
            { noBuild, freePorts, timeout, model };
        command.SetAction((parse, cancellationToken) => RunAsync(
            new LaunchOptions(!parse.GetValue(noBuild), parse.GetValue(freePorts), TimeSpan.FromSeconds(parse.GetValue(timeout)),
                              parse.GetValue(model)?.FullName), cancellationToken));
        return command;
    }

    /// <summary>
    /// <c>--model DIR</c>: a model directory (docs/design.md section 3, as <c>mesh import</c> writes one), checked when the
    /// command line is parsed so a typo fails before any service starts.
    /// </summary>
    public static Option<DirectoryInfo?> ModelOption(string description)
    {
        var option = new Option<DirectoryInfo?>("--model") { Description = description };
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<DirectoryInfo?>() is not { } dir) return;
            if (!dir.Exists) r.AddError($"--model: {dir.FullName} does not exist");
            else if (!File.Exists(Path.Combine(dir.FullName, "config.json")))
                r.AddError($"--model: {dir.FullName} has no config.json; give a model directory as `mesh import` writes one");
        });
        return option;
    }

    /// <summary>Starts every service behind the gateway; on failure prints why and returns the exit code instead.</summary>
    public static async Task<(RunningMesh? Mesh, int ExitCode)> StartAsync(LaunchOptions options, CancellationToken cancellationToken)
    {
        try
        {
            var layout = RepositoryLayout.Current();
            var mesh = await AnsiConsole.Status().StartAsync("starting the mesh", context =>
                new MeshLauncher(layout, options, message => context.Status(Markup.Escape(message))).StartAsync(MeshServices.Backends, cancellationToken));
            return (mesh, 0);
        }
        catch (MeshStartException e)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            if (e.LastLines.Count > 0)
                AnsiConsole.Write(new Panel(Markup.Escape(string.Join('\n', e.LastLines))).Header($"last lines of {e.Service}"));
            return (null, 1);
        }
        catch (Exception e) when (e is InvalidOperationException or DirectoryNotFoundException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return (null, 2);
        }
        catch (OperationCanceledException)
        {
            AnsiConsole.MarkupLine("[yellow]cancelled[/]");
            return (null, 130);
        }
    }

    static async Task<int> RunAsync(LaunchOptions options, CancellationToken cancellationToken)
    {
        var (started, exitCode) = await StartAsync(options, cancellationToken);
        if (started is not { } mesh) return exitCode;
        await using (mesh)
        {
            Print(mesh);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                AnsiConsole.MarkupLine("[grey]stopping the mesh[/]");
            }
        }
        return 0;
    }

    static void Print(RunningMesh mesh)
    {
        var table = new Table().AddColumns("service", "gRPC", "management", "gRPC-Web / JSON");
        foreach (var service in mesh.Services)
            table.AddRow(service.Service.Name, service.Ports.GrpcAddress.ToString(), service.Ports.ManagementAddress.ToString(),
                service.Ports.WebAddress?.ToString() ?? "");
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"[grey]model[/] {mesh.ModelDirectory ?? $"models/{DefaultModel.Name} (the default)"}");
        AnsiConsole.MarkupLineInterpolated($"[green]ready[/]: call the gateway at {mesh.Gateway.Ports.GrpcAddress} (gRPC) or {mesh.Gateway.Ports.WebAddress} (gRPC-Web, JSON)");
        AnsiConsole.MarkupLineInterpolated($"[grey]logs in {mesh.LogDirectory}; Ctrl-C stops every service[/]");
    }
}
