using System.ComponentModel.DataAnnotations;

namespace Mesh.Gateway.Options;

/// <summary>
/// API-key authentication of every forwarded call (section <c>Gateway:ApiKeys</c>). Off by default for local runs;
/// deployments turn it on and pass keys by environment (<c>Gateway__ApiKeys__Keys__ci=...</c>). A client sends its
/// key as <c>x-api-key: KEY</c> or <c>authorization: Bearer KEY</c>; without a valid one it gets UNAUTHENTICATED
/// (HTTP 401 for JSON) and nothing reaches a service. The gateway's own health and metrics stay open.
/// </summary>
public sealed record ApiKeyOptions : IValidatableObject
{
    /// <summary>Configuration section name.</summary>
    public const string Section = GatewayOptions.Section + ":ApiKeys";

    /// <summary>Shortest key accepted, so that keys cannot be guessed.</summary>
    public const int MinimumKeyLength = 16;

    /// <summary>Whether calls need a key.</summary>
    public bool Enabled { get; init; }

    /// <summary>The keys, by a name that identifies the client in logs and rate limits (the key itself never is logged).</summary>
    public Dictionary<string, string> Keys { get; init; } = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Enabled && Keys.Count == 0)
            yield return new ValidationResult("Gateway:ApiKeys:Enabled is true but Gateway:ApiKeys:Keys is empty; add a key (Gateway__ApiKeys__Keys__NAME=KEY).", [nameof(Keys)]);
        foreach (var (name, key) in Keys)
            if (key.Length < MinimumKeyLength || key.Any(char.IsWhiteSpace))
                yield return new ValidationResult(
                    $"Gateway:ApiKeys:Keys:{name} must be at least {MinimumKeyLength} characters without spaces (it has {key.Length}).", [nameof(Keys)]);
        foreach (var shared in Keys.GroupBy(k => k.Value, StringComparer.Ordinal).Where(g => g.Count() > 1))
            yield return new ValidationResult(
                $"Gateway:ApiKeys:Keys {string.Join(", ", shared.Select(k => k.Key))} share one key; each client needs its own.", [nameof(Keys)]);
    }
}
