using System.Text;
using Grpc.Core;

namespace Mesh.Gateway;

/// <summary>
/// Answers a call the gateway refuses itself (no key, over the rate limit, no replica) in the caller's protocol:
/// gRPC and gRPC-Web get a trailers-only response (HTTP 200, <c>grpc-status</c> and <c>grpc-message</c> in the
/// headers, no body), JSON callers get the HTTP status with a <c>google.rpc.Status</c>-shaped body, as JSON
/// transcoding writes its own errors.
/// </summary>
public static class CallErrors
{
    /// <summary>Whether the request is gRPC or gRPC-Web (<c>application/grpc</c>, <c>application/grpc-web[-text]</c>, with any suffix).</summary>
    public static bool IsGrpc(HttpRequest request) =>
        request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>Writes <paramref name="code"/> with <paramref name="message"/>; <paramref name="httpStatus"/> is used for JSON callers only.</summary>
    public static Task WriteAsync(HttpContext context, StatusCode code, int httpStatus, string message)
    {
        var response = context.Response;
        if (IsGrpc(context.Request))
        {
            response.StatusCode = StatusCodes.Status200OK;
            // The same media type the client sent (gRPC-Web clients check it), without parameters.
            response.ContentType = context.Request.ContentType!.Split(';')[0];
            response.Headers["grpc-status"] = ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture);
            response.Headers["grpc-message"] = PercentEncode(message);
            return Task.CompletedTask;
        }
        response.StatusCode = httpStatus;
        return response.WriteAsJsonAsync(new JsonStatus((int)code, message, []));
    }

    sealed record JsonStatus(int Code, string Message, object[] Details);

    // gRPC's encoding of grpc-message: UTF-8, bytes outside printable ASCII and '%' as %XX.
    static string PercentEncode(string message)
    {
        var encoded = new StringBuilder(message.Length);
        foreach (byte b in Encoding.UTF8.GetBytes(message))
            encoded.Append(b is >= 0x20 and <= 0x7E and not (byte)'%' ? ((char)b).ToString() : $"%{b:X2}");
        return encoded.ToString();
    }
}
