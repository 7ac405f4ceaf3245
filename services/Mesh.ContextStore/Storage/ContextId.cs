using System.Security.Cryptography;
using Mesh.ServiceDefaults.Grpc;

namespace Mesh.ContextStore.Storage;

/// <summary>
/// An entry's opaque id: 128 random bits as 32 lowercase hex characters, assigned by the store at Put.
/// Not derived from the content: two Puts of the same bytes carry their own metadata and TTL, and a
/// Delete or an expiry of one must not remove the other, so a content id would not deduplicate safely.
/// A client string becomes an id only through <see cref="Parse"/>, and a file name only through
/// <see cref="FileName"/>, so no client string is ever a path.
/// </summary>
public readonly record struct ContextId
{
    /// <summary>Characters in an id.</summary>
    public const int Length = 32;

    ContextId(string value) => Value = value;

    /// <summary>The 32 hex characters.</summary>
    public string Value { get; }

    /// <summary>The entry's file name in the embedded store.</summary>
    public string FileName => Value + ".ctx";

    /// <summary>A new random id.</summary>
    public static ContextId NewRandom() => new(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(Length / 2)));

    /// <summary>Whether <paramref name="text"/> is an id in the store's format.</summary>
    public static bool TryParse(string? text, out ContextId id)
    {
        bool valid = Sha256Hex.IsLowerHex(text, Length);
        id = valid ? new ContextId(text!) : default;
        return valid;
    }

    /// <summary>The id in <paramref name="text"/>, or INVALID_ARGUMENT naming <paramref name="field"/>.</summary>
    public static ContextId Parse(string? text, string field)
    {
        if (TryParse(text, out var id)) return id;
        string shown = text is null ? "" : text.Length > 80 ? text[..80] + "..." : text;
        RpcErrors.InvalidArgument(field,
            $"{field} '{shown}' is not a context id: ids are {Length} lowercase hex characters, exactly as Put returned them.");
        return default;
    }

    /// <inheritdoc />
    public override string ToString() => Value;
}
