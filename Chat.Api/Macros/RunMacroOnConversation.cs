using System.Security.Claims;
using Chat.Api.Conversations;
using Chat.Api.Identity;
using Chat.Api.Infrastructure;
using Chat.Api.TagCatalogue;
using Chat.Api.CannedResponses;
using Chat.Projections.Conversations;
using Chat.Domain;
using Chat.Domain.Macros;
using Chat.Domain.Threads;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Wolverine;
using Wolverine.Http;

namespace Chat.Api.Macros;

/// <summary>An agent runs a macro on a conversation: its actions as one command on the current thread.</summary>
public sealed record RunMacroOnConversation(Guid ConversationId, Guid MacroId, Guid RunId, Actor By, bool CanSupervise) : IConversationCommand;

public static class RunMacroEndpoint
{
    /// <summary>The header every event of a run carries: the macro that caused it.</summary>
    public const string CauseHeader = "macro";

    [WolverinePost("/conversations/{conversationId:guid}/macros/{macroId:guid}/run"), Authorize(Policies.WorkConversations), Tags("Macros")]
    public static Task<IResult> Post(Guid conversationId, Guid macroId, ClaimsPrincipal user, IMessageBus bus, CancellationToken ct) =>
        bus.AnswerAsync(new RunMacroOnConversation(conversationId, macroId, Guid.CreateVersion7(), user.AsAgent(), user.CanSupervise()), ct);
}

public static class RunMacroHandler
{
    /// <summary>The macro first (someone else's personal macro is as unknown as a missing one), then the agents and groups it names.</summary>
    public static async Task<(IEventStream<ChatThread>?, Macro?, Rejection?)> LoadAsync(RunMacroOnConversation command, IDocumentSession session,
        CancellationToken ct)
    {
        var macro = await session.LoadAsync<Macro>(command.MacroId, ct);
        if (macro is null || macro.Deleted || !macro.IsVisibleTo(Guid.Parse(command.By.Id)))
            return (null, null, Reject.NotFound($"Macro {command.MacroId} does not exist."));
        if (await MacroEndpoints.MissingTargetAsync(session, macro.Actions, macro.OwnerId, ct) is not null)
            return (null, null, Reject.NotFound($"An agent, group or canned response that macro '{macro.Name}' names no longer exists."));
        var (tagged, refusedTag) = await CatalogueTagsAsync(session, macro, ct);
        if (refusedTag is not null) return (null, null, refusedTag);
        var thread = await CurrentThread.FetchAsync(session, command.ConversationId, ct);
        return (thread, await RenderCannedAsync(session, tagged, command, ct), null);
    }

    /// <summary>Each canned step becomes the reply it sends, its placeholders filled for this conversation and the runner.</summary>
    private static async Task<Macro> RenderCannedAsync(IDocumentSession session, Macro macro, RunMacroOnConversation command, CancellationToken ct)
    {
        if (macro.Actions.All(a => a.Step != MacroStep.Canned)) return macro;
        if (await session.LoadAsync<ConversationDetail>(command.ConversationId, ct) is not { } conversation) return macro;
        var actions = new List<MacroAction>();
        foreach (var action in macro.Actions)
        {
            if (action.Step != MacroStep.Canned) { actions.Add(action); continue; }
            var response = (await MacroEndpoints.CannedFor(session, action.CannedResponseId!.Value, macro.OwnerId, ct))!;
            var rendered = await RenderCannedResponse.RenderAsync(session, response, conversation, Guid.Parse(command.By.Id), session.TenantId, ct);
            actions.Add(new MacroAction(MacroStep.Reply, Text: rendered.Text));
        }
        return macro with { Actions = actions };
    }

    /// <summary>
    /// The macro's tags as the catalogue has them now, as tagging by hand resolves them: a renamed tag under its current
    /// name, and a tag outside the catalogue refused when the workspace allows none.
    /// </summary>
    private static async Task<(Macro, Rejection?)> CatalogueTagsAsync(IDocumentSession session, Macro macro, CancellationToken ct)
    {
        var actions = new List<MacroAction>();
        foreach (var action in macro.Actions)
        {
            if (action.Step != MacroStep.AddTags) { actions.Add(action); continue; }
            var names = new Dictionary<string, IReadOnlyList<string>>();
            foreach (var tag in action.Tags!)
            {
                var (resolved, rejection) = await TagNames.ForTaggingAsync(session, session.TenantId, tag, ct);
                if (rejection is not null)
                    return (macro, rejection with { Detail = $"Macro '{macro.Name}': {rejection.Detail}" });
                names.TryAdd(resolved!.Name, resolved.Names);
            }
            actions.Add(action with { Tags = [.. names.Keys], SameTags = names });
        }
        return (macro with { Actions = actions }, null);
    }

    public static (CommandOutcome<ThreadPosition>, OutgoingMessages) Handle(RunMacroOnConversation command, IEventStream<ChatThread>? thread,
        Macro? macro, Rejection? refused, IDocumentSession session, IOptions<ChatOptions> options, IMessageContext context, TimeProvider clock)
    {
        if (refused is not null) return CurrentThread.Refused(refused);
        session.SetHeader(RunMacroEndpoint.CauseHeader, macro!.Id.ToString());
        var now = clock.GetUtcNow();
        var (outcome, messages) = thread.Decide(command.ConversationId, context, state =>
            TakesSomeoneElses(macro, state, command)
                ? Reject.Forbidden("Only supervisors and admins reassign someone else's conversation.")
                : RunMacroDecision.Decide(new RunMacro(macro, command.RunId, command.By, Guid.CreateVersion7), state,
                    options.Value.Messages.MaxLength, now));
        // A snooze the macro set wakes by itself, as one set by hand does.
        if (outcome.Value is { } position && SnoozeOf(macro, now) is { } until)
            messages.Add(Conversations.Triage.WakeSnoozedThreadHandler.For(command.ConversationId, position.ThreadId, until, context.TenantId!));
        return (outcome, messages);
    }

    private static bool TakesSomeoneElses(Macro macro, ChatThread thread, RunMacroOnConversation command) =>
        !command.CanSupervise && thread.AssigneeId is { } holder && holder.ToString() != command.By.Id
        && macro.Actions.Any(a => a.Step == MacroStep.Assign);

    private static DateTimeOffset? SnoozeOf(Macro macro, DateTimeOffset now) =>
        macro.Actions.LastOrDefault(a => a.Step == MacroStep.SetStatus) is { Status: ThreadStatus.Snoozed, SnoozeMinutes: { } minutes }
            ? now.AddMinutes(minutes) : null;
}
