using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mesh.ServiceDefaults.Grpc;

/// <summary>
/// Holds a JSON request body (one message) to <see cref="GrpcLimitsOptions.MaxReceiveMessageBytes"/>, as native gRPC
/// holds each message, instead of Kestrel's 30 MB default. gRPC and gRPC-Web bodies carry length-prefixed messages that
/// the gRPC server checks one by one, so they are left alone. A declared length over the limit is refused before
/// any of the body is read: HTTP 413 with the JSON error shape of transcoding (<c>{code, message, details}</c>,
/// code 8 RESOURCE_EXHAUSTED); a chunked body is cut off by Kestrel at the limit.
/// </summary>
internal static class JsonBodyLimit
{
    public static async Task ApplyAsync(HttpContext http, Func<Task> next)
    {
        if (!IsGrpc(http.Request.ContentType))
        {
            long limit = http.RequestServices.GetRequiredService<IOptions<GrpcLimitsOptions>>().Value.MaxReceiveMessageBytes;
            if (http.Request.ContentLength > limit)
            {
                http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                await http.Response.WriteAsJsonAsync(new
                {
                    code = 8, // RESOURCE_EXHAUSTED, as for a gRPC message over the limit
                    message = $"The request body is {http.Request.ContentLength} bytes; at most {limit} are accepted " +
                              "(GrpcLimits:MaxReceiveMessageBytes). Send large inputs as several smaller messages.",
                    details = Array.Empty<object>(),
                }, JsonSerializerOptions.Web);
                return;
            }
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit;
        }
        await next();
    }

    // application/grpc, application/grpc+proto, application/grpc-web, application/grpc-web-text ...
    static bool IsGrpc(string? contentType) => contentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;
}
