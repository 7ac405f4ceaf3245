using System.Security.Cryptography;
using System.Text;
using Mesh.Gateway.Options;
using Microsoft.Extensions.Options;

namespace Mesh.Gateway.Security;

/// <summary>
/// The configured API keys, held as SHA-256 digests and compared in constant time against every key, so neither
/// the keys nor the time a lookup takes tell a caller how close its guess was.
/// </summary>
public sealed class ApiKeyRing(IOptions<ApiKeyOptions> options)
{
    readonly (string Name, byte[] Digest)[] _keys =
        options.Value.Keys.Select(k => (k.Key, SHA256.HashData(Encoding.UTF8.GetBytes(k.Value)))).ToArray();

    /// <summary>The name of the key equal to <paramref name="presented"/>, or null.</summary>
    public string? Find(string presented)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        string? found = null;
        foreach (var (name, key) in _keys)
            if (CryptographicOperations.FixedTimeEquals(digest, key)) found = name;
        return found;
    }

    /// <summary>
    /// The key a request presents: the <c>x-api-key</c> header, else an <c>authorization: Bearer</c> token; null when
    /// it presents none.
    /// </summary>
    public static string? Presented(HttpRequest request)
    {
        string? header = request.Headers["x-api-key"];
        if (!string.IsNullOrEmpty(header)) return header.Trim();
        string? authorization = request.Headers.Authorization;
        const string bearer = "Bearer ";
        return authorization is not null && authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase)
            ? authorization[bearer.Length..].Trim()
            : null;
    }
}
