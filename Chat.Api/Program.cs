using Chat.Api.AdminLog;
using Chat.Api.Attachments;
using Chat.Api.Agents;
using Chat.Api.Conversations;
using Chat.Api.Conversations.Assigning;
using Chat.Api.Conversations.Closing;
using Chat.Api.Conversations.Messaging;
using Chat.Api.Conversations.Reading;
using Chat.Api.Conversations.Triage;
using Chat.Api.Conversations.Visitors;
using Chat.Api.Identity;
using Chat.Api.Identity.TwoFactor;
using Chat.Api.Inbox;
using Chat.Api.Invites;
using Chat.Api.Mail;
using Chat.Api.Operations;
using Chat.Api.Infrastructure;
using Chat.Api.Catalog;
using Chat.Api.RealTime;
using Chat.Api.Reports;
using Chat.Api.Macros;
using Chat.Api.Routing;
using Chat.Api.Search;
using Chat.Api.Webhooks;
using Chat.Api.Audit;
using Chat.Api.CannedResponses;
using Chat.Api.TagCatalogue;
using Chat.Api.Widget;
using Chat.Api.Web;
using Chat.Api.Workspaces;
using JasperFx;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Wolverine;
using Wolverine.Http;

var builder = WebApplication.CreateBuilder(args);
var chat = builder.Configuration.GetSection(ChatOptions.Section).Get<ChatOptions>() ?? new ChatOptions();
builder.Services.Configure<ChatOptions>(builder.Configuration.GetSection(ChatOptions.Section));
builder.Services.AddSingleton(TimeProvider.System);

builder.Services.AddChatStore(builder.Configuration.GetConnectionString("Postgres")
    ?? throw new InvalidOperationException("ConnectionStrings:Postgres is not set."), MessagingSetup.BrokerUri(chat, builder.Configuration));
builder.Host.UseWolverine(options => options.AddChatMessaging(chat, builder.Configuration));
builder.Services.AddChatAuth(chat.Auth);
builder.Services.AddConversationEndpoints();
builder.Services.AddSingleton<GroupCommit>();
builder.Services.AddSingleton<IAttachmentStore, PostgresAttachmentStore>();
builder.Services.AddSingleton<UnsentUploadSweeper>();
builder.Services.AddHostedService(services => services.GetRequiredService<UnsentUploadSweeper>());
builder.Services.AddHostedService(services => services.GetRequiredService<GroupCommit>());
builder.Services.AddScoped<PresenceTracker>();
builder.Services.AddSingleton<ThisNode>();
builder.Services.AddSingleton<StaffConnections>();
builder.Services.AddHostedService(services => services.GetRequiredService<StaffConnections>());
builder.Services.AddHostedService<NodeLeases>();
builder.Services.AddSingleton<WebhookTargets>();
builder.Services.AddSingleton<WebhookSender>();
builder.Services.AddSingleton<ReceiverLanes>();
builder.Services.AddSingleton<InboxPushes>();
builder.Services.AddHostedService(services => services.GetRequiredService<InboxPushes>());
builder.Services.AddSignalR(o =>
    {
        o.MaximumReceiveMessageSize = chat.Messages.MaxRequestBytes;
        o.AddFilter<HubInputFilter>();
        o.AddFilter<HubRateLimitFilter>();
        o.AddFilter<ConnectionMeter>();
    })
    .AddHubOptions<AgentHub>(o => o.AddFilter<StaffAccessFilter>())
    .AddJsonProtocol(o => InputJson.Configure(o.PayloadSerializerOptions, UnreadableInput.MarkForHubFilter));
builder.Logging.AddChatLogFilters();
builder.Services.AddHostedService<DemoWorkspace>();
builder.Services.AddSingleton<WorkspaceOrigins>();
builder.Services.AddCors();
builder.Services.AddSingleton<ICorsPolicyProvider, VisitorPreflights>();

builder.AddChatTelemetry(chat.Telemetry);
builder.Services.AddChatHealth(MessagingSetup.BrokerUri(chat, builder.Configuration));
builder.Services.AddChatRateLimits();
builder.Services.AddChatMail(chat.Mail);
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ExceptionProblems>();
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.Configure<JsonOptions>(o => InputJson.Configure(o.SerializerOptions, UnreadableInput.Refuse));
builder.WebHost.ConfigureKestrel(k =>
{
    k.Limits.MaxRequestBodySize = chat.Messages.MaxRequestBytes;
    k.AddServerHeader = false;
});
builder.Services.AddOpenApi(o => o.DescribeInputJson());

var app = builder.Build();
app.UseSecurityHeaders();
app.UseRefusalLog();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseChatStaticFiles();
app.UseAuthentication();
// After authentication: the origin check reads the visitor token's workspace.
app.UseCors();
app.UseOriginGate();
app.UseEnrolmentGate();
app.UseRateLimiter();
app.UseAuthorization();

app.MapOpenApi();
app.MapDemoPage();
app.MapDashboardApp();
app.MapChatHealth();
app.MapChatMetrics(chat.Telemetry);

var api = app.MapGroup("/api").RequireValidUrlValues();
api.MapPost("/auth/login", Login.LogInAsync).AllowAnonymous().WithTags("Auth");
api.MapPost("/auth/refresh", Refresh.RefreshAsync).AllowAnonymous().WithTags("Auth");
api.MapPost("/auth/logout", Logout.LogOutAsync).AllowAnonymous().WithTags("Auth");
api.MapOwnAccount();
api.MapTwoFactor();
api.MapPost("/widget/sessions", WidgetSessions.StartAsync).AllowAnonymous().WithTags("Widget");
api.MapSignUp();
api.MapInvites();
api.MapVisitorEndpoints();
api.MapAttachments();

var staff = api.MapGroup("").WithTags("Conversations");
staff.MapInbox()
    .MapConversationQueries()
    .MapPresence()
    .MapTeam()
    .MapAgentCatalog()
    .MapGroupCatalog()
    .MapVisitorQueue()
    .MapWebhooks()
    .MapAudit()
    .MapWorkspace()
    .MapWorkspaceOrigins()
    .MapIdentitySecret()
    .MapWorkspaceSettings()
    .MapAdminLog()
    .MapReports()
    .MapMacros()
    .MapCannedResponses()
    .MapTagCatalogue()
    .MapSearch();

// The conversation commands: Wolverine HTTP endpoints, in the workspace Wolverine detects from the token.
app.MapWolverineEndpoints(http => http.ConfigureConversationEndpoints());

app.MapHub<AgentHub>("/hubs/agent");
app.MapHub<VisitorHub>("/hubs/visitor");

return await app.RunJasperFxCommands(args);

/// <summary>The entry point, visible to the tests' host.</summary>
public partial class Program;
