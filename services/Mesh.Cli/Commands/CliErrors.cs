using Mesh.Core.Loading;
using Mesh.Core.Vision;
using Spectre.Console;

namespace Mesh.Cli.Commands;

/// <summary>Turns the errors a user can cause (bad files, bad arguments) into one red line and exit code 2.</summary>
public static class CliErrors
{
    public static int Run(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (OperationCanceledException)
        {
            AnsiConsole.MarkupLine("[yellow]cancelled[/]");
            return 130;
        }
        catch (Exception e) when (IsUserError(e))
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return 2;
        }
    }

    static bool IsUserError(Exception e) =>
        e is ArgumentException or ModelConfigException or ModelLoadException or SafeTensorsException or InvalidDataException
            or FileNotFoundException or DirectoryNotFoundException or NotSupportedException or Mesh.Judging.Llm.LlmJudgeException;

    /// <summary>
    /// As <see cref="Run"/> for a client call: a gRPC status becomes one red line with its code (exit 3 when unreachable);
    /// when nothing answers at <paramref name="target"/>'s address the line names it and says how to start the mesh.
    /// </summary>
    public static async Task<int> RunAsync(Func<Task<int>> action, ServiceTarget? target = null)
    {
        try
        {
            return await action();
        }
        catch (Grpc.Core.RpcException e) when (e.StatusCode == Grpc.Core.StatusCode.Cancelled)
        {
            AnsiConsole.MarkupLine("[yellow]cancelled[/]");
            return 130;
        }
        catch (Grpc.Core.RpcException e) when (target is not null && ServiceTarget.IsUnreachable(e))
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {target.Unreachable(e)}");
            return 3;
        }
        catch (Grpc.Core.RpcException e)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {e.StatusCode}: {e.Status.Detail}");
            return e.StatusCode == Grpc.Core.StatusCode.Unavailable ? 3 : 2;
        }
        catch (Exception e) when (IsUserError(e))
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return 2;
        }
    }
}
