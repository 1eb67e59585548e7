using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Chat.Api.Infrastructure;
using Chat.Domain.Conversations.Starting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Chat.Api.Identity;

/// <summary>Signs the access tokens of staff and the session tokens of visitors.</summary>
public sealed class TokenIssuer(IOptions<ChatOptions> options, TimeProvider clock)
{
    private readonly AuthOptions auth = options.Value.Auth;
    private readonly JsonWebTokenHandler handler = new();

    public static SymmetricSecurityKey SigningKey(AuthOptions auth) => new(Encoding.UTF8.GetBytes(auth.SigningKey));

    /// <summary>
    /// An agent's access token; <paramref name="sessionId"/> names the session family it was issued for, and
    /// <paramref name="lifetime"/> (the configured one by default) how long it lasts; <paramref name="mustEnrol"/> limits it to the
    /// agent's own account until they enrol a second factor.
    /// </summary>
    public (string Token, DateTimeOffset ExpiresAt) ForAgent(AgentAccount agent, Guid? sessionId = null, TimeSpan? lifetime = null,
        bool mustEnrol = false) => Sign(
        [
            new Claim(ChatClaims.Subject, agent.Id.ToString()),
            new Claim(ChatClaims.Workspace, agent.WorkspaceId),
            new Claim(ChatClaims.Role, agent.Role),
            new Claim(ChatClaims.Name, agent.DisplayName),
            new Claim(ChatClaims.Stamp, agent.SecurityStamp),
            .. sessionId is { } id ? [new Claim(ChatClaims.Session, id.ToString())] : Array.Empty<Claim>(),
            .. mustEnrol ? [new Claim(ChatClaims.EnrolTwoFactor, "required")] : Array.Empty<Claim>(),
        ],
        lifetime ?? TimeSpan.FromMinutes(auth.AccessTokenMinutes));

    public (string Token, DateTimeOffset ExpiresAt) ForVisitor(string workspaceId, VisitorProfile visitor) => Sign(
        [
            new Claim(ChatClaims.Subject, visitor.VisitorId),
            new Claim(ChatClaims.Workspace, workspaceId),
            new Claim(ChatClaims.Role, Roles.Visitor),
            new Claim(ChatClaims.Name, visitor.Name ?? ""),
            new Claim(ChatClaims.Email, visitor.Email ?? ""),
            new Claim(ChatClaims.Group, visitor.Group),
            new Claim(ChatClaims.Source, visitor.Source),
            new Claim(ChatClaims.Verified, visitor.Verified ? "true" : "false"),
        ],
        TimeSpan.FromHours(auth.VisitorTokenHours));

    /// <summary>A random refresh token and the hash under which it is stored.</summary>
    public static (string Token, string Hash) NewRefreshToken()
    {
        var token = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        return (token, HashOf(token));
    }

    public static string HashOf(string refreshToken) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(refreshToken)));

    /// <summary>
    /// The visitor id of an earlier visitor token of this workspace, even an expired one, so that a
    /// returning visitor keeps their conversation. A forged token yields nothing.
    /// </summary>
    public async Task<string?> VisitorOfPreviousTokenAsync(string? previousToken, string workspaceId)
    {
        if (string.IsNullOrWhiteSpace(previousToken)) return null;
        var parameters = ValidationParameters(auth, clock);
        parameters.ValidateLifetime = false;
        var result = await handler.ValidateTokenAsync(previousToken, parameters);
        if (!result.IsValid) return null;
        var claims = result.ClaimsIdentity;
        return claims.FindFirst(ChatClaims.Role)?.Value == Roles.Visitor
               && claims.FindFirst(ChatClaims.Workspace)?.Value == workspaceId
            ? claims.FindFirst(ChatClaims.Subject)?.Value
            : null;
    }

    /// <summary>Lifetimes are checked on the service's own clock, the one that issued the tokens.</summary>
    public static TokenValidationParameters ValidationParameters(AuthOptions auth, TimeProvider clock) => new()
    {
        LifetimeValidator = (notBefore, expires, _, parameters) =>
        {
            // A delegate is called even where the lifetime is not to be checked (reading an expired visitor token to renew it).
            if (!parameters.ValidateLifetime) return true;
            var now = clock.GetUtcNow().UtcDateTime;
            return (notBefore is null || notBefore.Value <= now + parameters.ClockSkew)
                   && (expires is null || expires.Value >= now - parameters.ClockSkew);
        },
        ValidIssuer = auth.Issuer,
        ValidAudience = auth.Issuer,
        IssuerSigningKey = SigningKey(auth),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        NameClaimType = ChatClaims.Name,
        RoleClaimType = ChatClaims.Role,
        ClockSkew = TimeSpan.FromSeconds(30),
    };

    private (string, DateTimeOffset) Sign(Claim[] claims, TimeSpan lifetime)
    {
        var now = clock.GetUtcNow();
        var expires = now + lifetime;
        var token = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = auth.Issuer,
            Audience = auth.Issuer,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(SigningKey(auth), SecurityAlgorithms.HmacSha256),
        });
        return (token, expires);
    }
}
