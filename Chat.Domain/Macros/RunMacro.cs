using Chat.Domain.Threads;
using Chat.Domain.Threads.Assigning;
using Chat.Domain.Threads.Closing;
using Chat.Domain.Threads.Messaging;
using Chat.Domain.Threads.Tagging;
using Chat.Domain.Threads.Triage;

namespace Chat.Domain.Macros;

/// <summary>
/// Running a macro on a thread: <paramref name="NewId"/> gives each reply or note its id, and the run id makes the
/// client message ids of what it writes, so a run sent twice is recognised by the thread like any resend.
/// </summary>
public sealed record RunMacro(Macro Macro, Guid RunId, Actor By, Func<Guid> NewId);

public static class RunMacroDecision
{
    /// <summary>
    /// Each step is decided by the same rule as the request it stands for, on the thread as the steps before it left
    /// it; the first refusal refuses the whole run, so a macro changes everything it lists or nothing.
    /// </summary>
    public static Decision Decide(RunMacro command, ChatThread thread, int maxLength, DateTimeOffset now)
    {
        if (command.Macro.Deleted) return Reject.NotFound($"Macro {command.Macro.Id} was deleted.");
        var events = new List<object>();
        var state = thread;
        for (var i = 0; i < command.Macro.Actions.Count; i++)
        {
            var step = command.Macro.Actions[i];
            var decision = DecideStep(step, state, command, $"macro-{command.RunId:N}-{i}", maxLength, now);
            if (decision.Rejection is { } rejection)
                return new Rejection(rejection.Kind, rejection.Title, $"Step {i + 1} ({step.Step}) of '{command.Macro.Name}': {rejection.Detail}");
            foreach (var e in decision.Events)
            {
                events.Add(e);
                state = state.After(e);
            }
        }
        return Decision.Append([.. events]);
    }

    private static Decision DecideStep(MacroAction step, ChatThread thread, RunMacro run, string clientMessageId, int maxLength,
        DateTimeOffset now) => step.Step switch
    {
        MacroStep.AddTags => Combine(thread, step.Tags!.Select(tag => (Func<ChatThread, Decision>)(t => TagDecision.Decide(new Tag(tag, run.By, step.SameTags?.GetValueOrDefault(tag)), t, now)))),
        MacroStep.SetPriority => ChangePriorityDecision.Decide(new ChangePriority(step.Priority!.Value, run.By), thread, now),
        MacroStep.SetStatus => ChangeStatusDecision.Decide(new ChangeStatus(step.Status!.Value,
            step.SnoozeMinutes is { } minutes ? now.AddMinutes(minutes) : null, run.By), thread, now),
        MacroStep.Assign when step.AgentId is { } agent => thread.AssigneeId is null
            ? AssignDecision.Decide(new Assign(agent, run.By), thread, now)
            : TransferDecision.Decide(new Transfer(agent, null, null, run.By), thread, now),
        MacroStep.Assign => TransferDecision.Decide(new Transfer(null, step.Group, null, run.By), thread, now),
        MacroStep.Reply => PostMessageDecision.Decide(new PostMessage(run.NewId(), run.By, step.Text!, clientMessageId), thread, maxLength, now),
        MacroStep.Note => AddPrivateNoteDecision.Decide(new AddPrivateNote(run.NewId(), Guid.Parse(run.By.Id), step.Text!, clientMessageId),
            thread, maxLength, now),
        MacroStep.Close => CloseDecision.Decide(new Close(step.Text, run.By), thread, now),
        // The service renders a canned step into a Reply before the run is decided; one left over is a programming error.
        MacroStep.Canned => Reject.Invalid("A canned response step must be rendered before the macro runs."),
        _ => Reject.Invalid($"'{step.Step}' is not a macro step."),
    };

    /// <summary>Several decisions in a row, each on the state the ones before it left.</summary>
    private static Decision Combine(ChatThread thread, IEnumerable<Func<ChatThread, Decision>> decisions)
    {
        var events = new List<object>();
        foreach (var decide in decisions)
        {
            var decision = decide(thread);
            if (decision.IsRejected) return decision;
            foreach (var e in decision.Events)
            {
                events.Add(e);
                thread = thread.After(e);
            }
        }
        return Decision.Append([.. events]);
    }
}
