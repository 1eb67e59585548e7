using Chat.Contracts;
using Chat.Domain;
using Chat.Domain.Agents;
using Chat.Domain.Conversations;
using Chat.Domain.Threads;

namespace Chat.Projections;

/// <summary>Who did what: the actor of every stored event, for the auditor's history and the integration events.</summary>
public static class Actors
{
    private static readonly IntegrationActor System = new("system", Actor.System.Id);

    public static IntegrationActor Of(object data) => data switch
    {
        ConversationStarted x => new("visitor", x.VisitorId),
        VisitorContactGiven x => new("visitor", x.VisitorId),
        MessagePosted x => new(x.AuthorKind.ToString().ToLowerInvariant(), x.AuthorId),
        PrivateNoteAdded x => new("agent", x.AgentId.ToString()),
        MessageEdited x => By(x.EditedBy),
        MessageDeleted x => By(x.DeletedBy),
        MessagesRead x => new(x.Side == ReaderSide.Visitor ? "visitor" : "agent", x.ReaderId),
        ThreadAssigned x => By(x.AssignedBy),
        ThreadUnassigned x => By(x.UnassignedBy),
        ThreadTagged x => By(x.TaggedBy),
        ThreadUntagged x => By(x.UntaggedBy),
        PriorityChanged x => By(x.ChangedBy),
        StatusChanged x => By(x.ChangedBy),
        ThreadClosed x => new(x.ClosedByKind.ToString().ToLowerInvariant(), x.ClosedBy),
        ThreadReopened x => By(x.ReopenedBy),
        ThreadRated x => new("visitor", x.VisitorId),
        ThreadTransferred x => By(x.TransferredBy),
        AgentStatusChanged x => x.Reason == PresenceReasons.SetByAgent ? new("agent", x.AgentId.ToString()) : System,
        ThreadRouted or AssignmentExpired or ThreadMissed => new("system", "router"),
        _ => System,
    };

    private static IntegrationActor By(string id) => Guid.TryParse(id, out _) ? new("agent", id) : new("system", id);
}
