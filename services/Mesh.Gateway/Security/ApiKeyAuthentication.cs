using System.Security.Claims;
using System.Text.Encodings.Web;
using Grpc.Core;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Mesh.Gateway.Security;

/// <summary>
/// ASP.NET authentication by API key (<see cref="ApiKeyRing"/>). The user is the key's name. A call without a
/// valid key is challenged with UNAUTHENTICATED in its own protocol (<see cref="CallErrors"/>) and never forwarded.
/// </summary>
public sealed class ApiKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyRing keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>Authentication scheme name.</summary>
    public const string SchemeName = "ApiKey";

    /// <summary>Authorization policy of the forwarded routes when keys are on.</summary>
    public const string Policy = "api-key";

    const string MissingKey = "missing API key: send it as the x-api-key header or as authorization: Bearer <key>";
    const string WrongKey = "the API key is not valid";

    /// <inheritdoc />
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? presented = ApiKeyRing.Presented(Request);
        if (presented is null) return Task.FromResult(AuthenticateResult.NoResult());
        if (keys.Find(presented) is not { } name) return Task.FromResult(AuthenticateResult.Fail(WrongKey));
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    /// <inheritdoc />
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.Headers.WWWAuthenticate = "Bearer";
        await CallErrors.WriteAsync(Context, StatusCode.Unauthenticated, StatusCodes.Status401Unauthorized, result.Failure?.Message ?? MissingKey);
    }
}
