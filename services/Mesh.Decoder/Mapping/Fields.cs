using Mesh.Core.Interp;
using Mesh.ServiceDefaults.Grpc;

namespace Mesh.Decoder.Mapping;

/// <summary>
/// Domain types refuse what they cannot hold with an <see cref="ArgumentException"/> saying what is allowed;
/// at the edge that becomes INVALID_ARGUMENT naming the request field.
/// </summary>
internal static class Fields
{
    /// <summary>Builds a domain value from <paramref name="field"/>.</summary>
    public static T Map<T>(string field, Func<T> build)
    {
        try
        {
            return build();
        }
        catch (ArgumentException e)
        {
            throw RpcErrors.InvalidArgumentException(field, e);
        }
    }

    /// <summary>Fits a request's parts to the model and prompt; a part that does not fit is refused under its field.</summary>
    public static T Fit<T>(Func<T> fit)
    {
        try
        {
            return fit();
        }
        catch (InterpPartException e)
        {
            throw RpcErrors.InvalidArgumentException(Of(e.Part), e.Message);
        }
    }

    static string Of(InterpPart part) => part switch
    {
        InterpPart.Knockout => "knockout",
        InterpPart.Trace => "trace.layers",
        InterpPart.Selection => "selection",
        _ => "parts",
    };
}
