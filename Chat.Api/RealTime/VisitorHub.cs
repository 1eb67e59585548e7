using Chat.Api.Conversations.Messaging;
using Chat.Api.Conversations.Visitors;
using Chat.Api.Conversations;
using Chat.Api.Conversations.Reading;
using Chat.Api.Identity;
using Chat.Api.Infrastructure;
using Chat.Domain.Threads;
using Chat.Domain.Threads.Reading;
using Chat.Projections.Live;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Wolverine;
using Wolverine.Http;

namespace Chat.Api.RealTime;

/// <summary>
/// The widget's live connection. It joins only its own conversation's group, derived from the token,
/// and sends through the same command path as HTTP.
/// </summary>
[Authorize(Policy = Policies.Visitor)]
public sealed class VisitorHub(GroupCommit posts, IDocumentStore store, IOptions<ChatOptions> options,
    IMessageBus bus, WolverineHttpOptions http, TimeProvider clock) : Hub
{
    private string WorkspaceId => Context.User!.WorkspaceId();
    private Guid ConversationId => Context.User!.ConversationId();

    public override async Task OnConnectedAsync()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.Visitor(WorkspaceId, ConversationId));
        await base.OnConnectedAsync();
    }

    public async Task<SentMessage> Send(string text, string clientMessageId)
    {
        var template = new StartThreadTemplate(Guid.CreateVersion7(), Context.User!.Profile(), text ?? "", clientMessageId ?? "",
            options.Value.Messages.MaxLength);
        return (await posts.SubmitAsync(await bus.InCallersWorkspaceAsync(Context, http), new PostVisitorMessage(ConversationId, template),
            template.MaxLength)).ValueOrThrow();
    }

    public async Task<ThreadPosition> MarkRead(long upToVersion)
    {
        var command = new MarkThreadRead(ConversationId, ReaderSide.Visitor, Context.User!.SubjectId(), upToVersion);
        var workspaceBus = await bus.InCallersWorkspaceAsync(Context, http);
        return (await workspaceBus.RunAsync<ThreadPosition>(command, Context.ConnectionAborted)).ValueOrThrow();
    }

    /// <summary>What the visitor missed: their thread's visible facts after a version, in order, shaped as the live <c>event</c> push.</summary>
    public async Task<IReadOnlyList<LiveEvent>> CatchUp(Guid? threadId, long afterVersion)
    {
        await using var session = store.QuerySession(WorkspaceId);
        return (await ThreadEntries.ForVisitorAsync(session, ConversationId, threadId, afterVersion, Context.ConnectionAborted)).ValueOrThrow();
    }

    public async Task Typing()
    {
        var now = clock.GetUtcNow();
        if (!TypingThrottle.Admit(Context, now)) return;
        await bus.PublishAsync(new TypingSignal(WorkspaceId, ConversationId, ReaderSide.Visitor, Context.User!.SubjectId(),
            now + TypingThrottle.Lifetime));
    }
}
