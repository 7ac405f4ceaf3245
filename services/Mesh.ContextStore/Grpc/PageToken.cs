using System.Buffers.Binary;
using System.Buffers.Text;
using Mesh.ServiceDefaults.Grpc;

namespace Mesh.ContextStore.Grpc;

/// <summary>
/// List's page tokens: the access stamp after which the next page starts, as URL-safe base64. Stamps
/// are unique, so pages neither repeat nor skip entries; an entry read between two pages moves ahead
/// of the cursor and is not listed again.
/// </summary>
public static class PageToken
{
    /// <summary>The token of a page that continues before <paramref name="before"/>.</summary>
    public static string Encode(long before)
    {
        Span<byte> bytes = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, before);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>The stamp in <paramref name="token"/>; <see cref="long.MaxValue"/> for the first page; INVALID_ARGUMENT when it is not a token of this store.</summary>
    public static long Decode(string token)
    {
        if (token.Length == 0) return long.MaxValue;
        long before = 0;
        try
        {
            byte[] bytes = Base64Url.DecodeFromChars(token);
            if (bytes.Length == sizeof(long)) before = BinaryPrimitives.ReadInt64LittleEndian(bytes);
        }
        catch (FormatException)
        {
            // Not base64: refused below like any other token this store did not write.
        }
        if (before <= 0)
            RpcErrors.InvalidArgument("page_token", "page_token is not one this store returned; pass next_page_token unchanged, or empty for the first page.");
        return before;
    }
}
