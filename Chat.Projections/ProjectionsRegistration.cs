using Chat.Projections.Agents;
using Chat.Projections.Audit;
using Chat.Projections.CannedResponses;
using Chat.Projections.Conversations;
using Chat.Projections.Inbox;
using Chat.Projections.Reports;
using Chat.Projections.Routing;
using Chat.Projections.TagCatalogue;
using Chat.Projections.Threads;
using JasperFx.Events.Projections;
using Marten;
using Marten.Schema.Indexing.Unique;
using Marten.Schema;

namespace Chat.Projections;

public static class ProjectionsRegistration
{
    /// <summary>
    /// The read models that lists and views query are inline: they change in the same transaction as the
    /// events, so a request that has been answered is already visible everywhere. A thread's transcript is
    /// folded from its stream when it is read instead: it is the stream's own content, and storing it
    /// would rewrite the whole transcript on every message.
    /// </summary>
    public static StoreOptions AddChatReadModels(this StoreOptions options)
    {
        options.Projections.Add(new InboxProjection(), ProjectionLifecycle.Inline, asyncConfiguration: RebuildSettings.ApplyWithDeferredWrites);
        options.Projections.Add(new ConversationDetailProjection(), ProjectionLifecycle.Inline, asyncConfiguration: RebuildSettings.ApplyWithDeferredWrites);
        // The router's own small rows, so that routing-only facts stay out of the inbox rows pushed to browsers.
        options.Projections.Add(new RoutingThreadProjection(), ProjectionLifecycle.Inline, asyncConfiguration: RebuildSettings.ApplyWithDeferredWrites);
        options.Projections.Add(new ThreadTranscriptProjection(), ProjectionLifecycle.Live);
        options.Projections.Add(new AgentPresenceProjection(), ProjectionLifecycle.Inline, asyncConfiguration: RebuildSettings.Apply);
        options.Projections.Add(new ConversationChainProjection(), ProjectionLifecycle.Inline, asyncConfiguration: RebuildSettings.Apply);
        // One link per position: two writers could never both extend a chain from the same head.
        options.Schema.For<ChainLink>().UniqueIndex(UniqueIndexType.DuplicatedField, "mt_doc_chainlink_idx_conversation_id_position",
            TenancyScope.PerTenant, x => x.ConversationId, x => x.Position);
        // Side effects carry the live push: published through Wolverine's outbox once the transaction commits.
        options.Events.EnableSideEffectsOnInlineProjections = true;
        options.Schema.For<Inbox.InboxItem>()
            .Index(x => x.LastActivitySequence)
            .Index(x => x.AssigneeId)
            .Index(x => x.Status);
        options.Schema.For<RoutingThread>().Index(x => x.Status);
        // The reports' facts are async: no message waits for them, and the daemon catches up within a second.
        options.Projections.Add(new ThreadFactsProjection(), ProjectionLifecycle.Async, asyncConfiguration: RebuildSettings.ApplyWithDeferredWrites);
        options.Schema.For<ThreadFacts>().Duplicate(x => x.StartedAt).Duplicate(x => x.GroupId).Duplicate(x => x.AgentId)
            .Duplicate(x => x.ClosedAt);
        options.Projections.Add(new AgentStatusSpanProjection(), ProjectionLifecycle.Async, asyncConfiguration: RebuildSettings.Apply);
        // The search index is async too: its GIN indexes cost no message anything, and it catches up within a second.
        options.Projections.Add(new Search.SearchProjection(options.DatabaseSchemaName), ProjectionLifecycle.Async, asyncConfiguration: RebuildSettings.Apply);
        options.Schema.For<AgentStatusSpan>().Duplicate(x => x.AgentId).Duplicate(x => x.Since);
        // The agents' daily tools: canned responses and the tag catalogue, each entry a stream of its own.
        options.Projections.Add(new CannedResponseProjection(), ProjectionLifecycle.Inline, asyncConfiguration: RebuildSettings.Apply);
        options.Projections.Add(new TagViewProjection(), ProjectionLifecycle.Inline, asyncConfiguration: RebuildSettings.Apply);
        return options;
    }
}
