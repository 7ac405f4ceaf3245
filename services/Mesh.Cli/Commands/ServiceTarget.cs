using Grpc.Core;
using Mesh.Catalog;

namespace Mesh.Cli.Commands;

/// <summary>The service a command calls: named, with its address and what to do, when nothing answers there.</summary>
/// <param name="Service">What the address should reach, e.g. "the mesh gateway".</param>
/// <param name="Advice">How to bring it up or point elsewhere.</param>
public sealed record ServiceTarget(string Service, string Address, string Advice)
{
    /// <summary>The gateway given by <c>--address</c>; <paramref name="hasUp"/> when the command also takes <c>--up</c>.</summary>
    public static ServiceTarget Gateway(string address, bool hasUp = false) => new("the mesh gateway", address,
        hasUp ? "start the mesh with `mesh up`, add --up to start one just for this command, or pass --address with a running gateway's address"
              : "start the mesh with `mesh up`, or pass --address with a running gateway's address");

    /// <summary>A service given by <c>--server</c>, which the command could do without by working locally.</summary>
    public static ServiceTarget Server(string service, string address, string locally) => new($"the {service}", address,
        $"start the mesh with `mesh up` and pass its gateway (--server {MeshServices.Gateway.DefaultGrpcAddress}), or leave out --server to {locally}");

    /// <summary>Whether <paramref name="e"/> says nothing answered (the connection failed), rather than a status the service sent.</summary>
    public static bool IsUnreachable(RpcException e) => e.StatusCode == StatusCode.Unavailable && e.Status.DebugException is not null;

    /// <summary>The one line for a call that found nothing at <see cref="Address"/>.</summary>
    public string Unreachable(RpcException e) =>
        $"could not reach {Service} at {Address} ({e.Status.DebugException?.Message ?? e.Status.Detail}); {Advice}";
}
