using Grpc.Core;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Mesh.Gateway.Routing;

/// <summary>
/// First step of the proxy pipeline: a call YARP could not forward (no healthy replica, a replica that refused
/// the connection) leaves with a plain 502/503, which gRPC clients report as "bad gRPC response"; this turns it
/// into UNAVAILABLE naming the service, in the caller's protocol (<see cref="CallErrors"/>).
/// </summary>
public static class ProxyErrors
{
    /// <summary>Runs the rest of the proxy pipeline, then rewrites a forwarding failure that has not reached the client yet.</summary>
    public static async Task MapToStatusAsync(HttpContext context, Func<Task> next)
    {
        await next();
        var error = context.GetForwarderErrorFeature();
        if (error is null || context.Response.HasStarted) return;

        var proxy = context.GetReverseProxyFeature();
        string service = proxy.Cluster.Config.ClusterId;
        string? replica = proxy.ProxiedDestination?.Model.Config.Address;
        var (code, message) = error.Error switch
        {
            ForwarderError.NoAvailableDestinations => (StatusCode.Unavailable,
                $"no healthy replica of '{service}' ({proxy.AllDestinations.Count} configured); a replica is healthy once its /health/ready answers"),
            ForwarderError.Request => (StatusCode.Unavailable, $"the replica of '{service}' at {replica} could not be reached"),
            ForwarderError.RequestTimedOut => (StatusCode.DeadlineExceeded,
                $"the replica of '{service}' at {replica} sent nothing within the gateway's activity timeout (Gateway:ActivityTimeout)"),
            _ => (StatusCode.OK, ""),
        };
        // Other failures (the client went away, a body copy broke) have nobody to answer or a status already.
        if (code != StatusCode.OK)
            await CallErrors.WriteAsync(context, code, context.Response.StatusCode, message);
    }
}
