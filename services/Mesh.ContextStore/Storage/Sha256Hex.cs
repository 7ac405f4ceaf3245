using System.Buffers;
using System.Security.Cryptography;

namespace Mesh.ContextStore.Storage;

/// <summary>SHA-256 digests as the API writes them: 64 lowercase hex characters.</summary>
public static class Sha256Hex
{
    /// <summary>Characters of a digest.</summary>
    public const int Length = 64;

    static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    /// <summary>Whether <paramref name="text"/> is a digest in that form.</summary>
    public static bool IsValid(string? text) => IsLowerHex(text, Length);

    /// <summary>Whether <paramref name="text"/> is exactly <paramref name="length"/> lowercase hex characters.</summary>
    public static bool IsLowerHex(string? text, int length) =>
        text is not null && text.Length == length && !text.AsSpan().ContainsAnyExcept(LowerHex);

    /// <summary>The finished digest of <paramref name="hash"/>, in that form.</summary>
    public static string Finish(IncrementalHash hash) => Convert.ToHexStringLower(hash.GetHashAndReset());

    /// <summary>The digest of <paramref name="data"/>, in that form.</summary>
    public static string Of(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));
}
