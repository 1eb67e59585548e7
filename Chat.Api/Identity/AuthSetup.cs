using Chat.Api.Infrastructure;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Chat.Api.Identity;

public static class AuthSetup
{
    public static IServiceCollection AddChatAuth(this IServiceCollection services, AuthOptions auth)
    {
        if (auth.SigningKey.Length < 32)
            throw new InvalidOperationException("Chat:Auth:SigningKey must be set to at least 32 characters.");

        services.AddSingleton<TokenIssuer>();
        services.AddMemoryCache();
        services.AddSingleton<AccessCheck>();
        services.AddSingleton(new Microsoft.AspNetCore.Identity.PasswordHasher<AgentAccount>());
        // The clock the service runs on (a test's own, too) checks the tokens it issued.
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .PostConfigure<TimeProvider>((options, clock) => options.TokenValidationParameters = TokenIssuer.ValidationParameters(auth, clock));
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters = TokenIssuer.ValidationParameters(auth, TimeProvider.System);
                options.Events = new JwtBearerEvents
                {
                    // WebSockets cannot carry headers from browsers, so hubs take the token from the query.
                    OnMessageReceived = context =>
                    {
                        if (context.HttpContext.Request.Path.StartsWithSegments("/hubs")
                            && context.Request.Query["access_token"] is { Count: > 0 } token)
                            context.Token = token.ToString();
                        return Task.CompletedTask;
                    },
                    // A well-signed token of an account since disabled, restamped or signed out of is refused all the same.
                    OnTokenValidated = async context =>
                    {
                        var check = context.HttpContext.RequestServices.GetRequiredService<AccessCheck>();
                        if (!await check.AdmitsAsync(context.Principal!, context.HttpContext.RequestAborted))
                            context.Fail("The access token was revoked.");
                    },
                    // Refusals are problem details like every other error.
                    OnChallenge = async context =>
                    {
                        context.HandleResponse();
                        var detail = context.AuthenticateFailure is null
                            ? "A bearer token is required."
                            : "The bearer token is expired, revoked or invalid.";
                        await Problems.Unauthorized(detail).ExecuteAsync(context.HttpContext);
                    },
                    OnForbidden = context =>
                        Problems.Forbidden("Your role does not allow this request.").ExecuteAsync(context.HttpContext),
                };
            });

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.ReadConversations, p => p.RequireRole(Roles.Agent, Roles.Supervisor, Roles.Admin, Roles.Auditor))
            .AddPolicy(Policies.WorkConversations, p => p.RequireRole(Roles.Agent, Roles.Supervisor, Roles.Admin))
            .AddPolicy(Policies.Supervise, p => p.RequireRole(Roles.Supervisor, Roles.Admin))
            .AddPolicy(Policies.Visitor, p => p.RequireRole(Roles.Visitor))
            .AddPolicy(Policies.Administer, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.Staff, p => p.RequireRole(Roles.Staff))
            .AddPolicy(Policies.Audit, p => p.RequireRole(Roles.Auditor, Roles.Supervisor, Roles.Admin));
        return services;
    }
}
