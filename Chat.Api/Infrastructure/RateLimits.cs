using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Chat.Api.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Chat.Api.Infrastructure;

/// <summary>
/// The request limits, on ASP.NET Core's rate limiter. One global limiter decides by route and caller, so no endpoint
/// can be mapped without it: sign-ins and widget sessions per client address, visitor messages per visitor, and a
/// ceiling per workspace over every authenticated request and hub call, so one busy or hostile workspace cannot
/// starve the others. A refusal is a 429 problem with Retry-After and changes nothing.
/// </summary>
public sealed class RateLimits : IDisposable
{
    private readonly PartitionedRateLimiter<string> workspaces;

    public RateLimits(IOptions<ChatOptions> options)
    {
        var limits = options.Value.RateLimits;
        workspaces = PartitionedRateLimiter.Create<string, string>(workspaceId => workspaceId.Length == 0
            ? RateLimitPartition.GetNoLimiter(workspaceId)
            : RateLimitPartition.GetTokenBucketLimiter(workspaceId, _ => PerSecond(limits.WorkspaceRequestsPerSecond)));
        Http = PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<HttpContext, string>(context => EntryPoint(context, limits)),
            PartitionedRateLimiter.Create<HttpContext, string>(context => VisitorMessages(context, limits)),
            workspaces.WithTranslatedKey<HttpContext>(context => context.User.FindFirstValue(ChatClaims.Workspace) ?? "", leaveOpen: true));
    }

    public PartitionedRateLimiter<HttpContext> Http { get; }

    /// <summary>A hub call counts against its workspace's ceiling as a request does.</summary>
    public RateLimitLease AcquireForWorkspace(string workspaceId) => workspaces.AttemptAcquire(workspaceId);

    /// <summary>Anonymous doors that cost work or guess at secrets: limited per client address.</summary>
    private static RateLimitPartition<string> EntryPoint(HttpContext context, RateLimitOptions limits)
    {
        if (!HttpMethods.IsPost(context.Request.Method)) return RateLimitPartition.GetNoLimiter("");
        var path = context.Request.Path;
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (path.Equals("/api/auth/login", StringComparison.OrdinalIgnoreCase))
            return RateLimitPartition.GetFixedWindowLimiter($"login|{address}", _ => PerMinute(limits.LoginsPerAddressPerMinute));
        if (path.Equals("/api/auth/login/2fa", StringComparison.OrdinalIgnoreCase))
            return RateLimitPartition.GetFixedWindowLimiter($"second-step|{address}", _ => PerMinute(limits.SecondStepsPerAddressPerMinute));
        if (path.Equals("/api/signup", StringComparison.OrdinalIgnoreCase))
            return RateLimitPartition.GetFixedWindowLimiter($"signup|{address}", _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = Math.Max(1, limits.SignUpsPerAddressPerHour), Window = TimeSpan.FromHours(1), QueueLimit = 0,
            });
        if (path.StartsWithSegments("/api/invites", StringComparison.OrdinalIgnoreCase))
            return RateLimitPartition.GetFixedWindowLimiter($"invites|{address}", _ => PerMinute(limits.InvitesPerAddressPerMinute));
        if (path.Equals("/api/widget/sessions", StringComparison.OrdinalIgnoreCase))
            return RateLimitPartition.GetFixedWindowLimiter($"widget|{address}", _ => PerMinute(limits.WidgetSessionsPerAddressPerMinute));
        return RateLimitPartition.GetNoLimiter("");
    }

    /// <summary>A visitor's uploads count with their messages: both cost storage.</summary>
    private static RateLimitPartition<string> VisitorMessages(HttpContext context, RateLimitOptions limits)
    {
        if (!HttpMethods.IsPost(context.Request.Method)
            || !(context.Request.Path.Equals("/api/visitor/messages", StringComparison.OrdinalIgnoreCase)
                 || context.Request.Path.Equals("/api/visitor/attachments", StringComparison.OrdinalIgnoreCase))
            || context.User.FindFirstValue(ChatClaims.Role) != Roles.Visitor)
            return RateLimitPartition.GetNoLimiter("");
        var visitor = $"{context.User.FindFirstValue(ChatClaims.Workspace)}|{context.User.FindFirstValue(ChatClaims.Subject)}";
        return RateLimitPartition.GetFixedWindowLimiter(visitor, _ => PerMinute(limits.VisitorMessagesPerMinute));
    }

    private static FixedWindowRateLimiterOptions PerMinute(int permits) => new()
    {
        PermitLimit = Math.Max(1, permits),
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
    };

    /// <summary>A steady rate with a burst of two seconds' worth.</summary>
    public static TokenBucketRateLimiterOptions PerSecond(int permits) => new()
    {
        TokenLimit = Math.Max(1, permits * 2),
        TokensPerPeriod = Math.Max(1, permits),
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    public static string RetryAfterSeconds(RateLimitLease lease) =>
        (lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1)
        .ToString(CultureInfo.InvariantCulture);

    public void Dispose()
    {
        Http.Dispose();
        workspaces.Dispose();
    }
}

public static class RateLimitSetup
{
    public static IServiceCollection AddChatRateLimits(this IServiceCollection services)
    {
        services.AddSingleton<RateLimits>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<RateLimits>((options, limits) =>
        {
            options.GlobalLimiter = limits.Http;
            options.OnRejected = async (context, ct) =>
            {
                var wait = RateLimits.RetryAfterSeconds(context.Lease);
                context.HttpContext.Response.Headers.RetryAfter = wait;
                await Problems.Of(StatusCodes.Status429TooManyRequests, "Too many requests",
                    $"Too many requests; try again in {wait} s.").ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }
}
