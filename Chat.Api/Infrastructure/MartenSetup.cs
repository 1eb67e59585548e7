using Chat.Api.Agents;
using Chat.Api.Identity;
using Chat.Api.Integration;
using Chat.Api.Operations;
using Chat.Api.Webhooks;
using Chat.Domain.Agents;
using Chat.Domain.Conversations;
using Chat.Domain.Threads;
using Chat.Projections;
using Chat.Projections.Threads;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using JasperFx.MultiTenancy;
using Marten;
using Marten.Schema.Indexing.Unique;
using Marten.Schema;
using Weasel.Core;
using Wolverine.Marten;

namespace Chat.Api.Infrastructure;

public static class MartenSetup
{
    public const string SchemaName = "chat";

    /// <summary>
    /// Every workspace's documents and events live in shared tables, tagged with the workspace as the
    /// tenant (conjoined tenancy): a session opened for one workspace never sees another's rows.
    /// </summary>
    public static IServiceCollection AddChatStore(this IServiceCollection services, string connectionString, Uri? integrationBroker)
    {
        var marten = services.AddMarten(options => options.ConfigureChatStore(connectionString).RunSubscriptionsPromptly())
            .UseLightweightSessions()
            .IntegrateWithWolverine()
            .ApplyAllDatabaseChangesOnStartup()
            .SubscribeToEvents(new WebhookRelay());
        services.AddSingleton(provider => new SubscriptionLeader(provider.GetRequiredService<IDocumentStore>(), connectionString,
            provider.GetRequiredService<ILoggerFactory>()));
        services.AddHostedService(provider => provider.GetRequiredService<SubscriptionLeader>());
        if (integrationBroker is not null)
        {
            services.AddSingleton(provider => new IntegrationBroker(integrationBroker, provider.GetRequiredService<ILogger<IntegrationBroker>>()));
            services.AddHostedService(provider => provider.GetRequiredService<IntegrationBroker>());
            marten.AddSubscriptionWithServices<IntegrationRelay>(ServiceLifetime.Singleton);
        }
        return services;
    }

    /// <summary>
    /// Appends wake the daemon through LISTEN/NOTIFY instead of its next poll, so an event reaches the broker within
    /// milliseconds of its commit.
    /// </summary>
    private static StoreOptions RunSubscriptionsPromptly(this StoreOptions options)
    {
        options.Events.UseListenNotifyForEventAppends = true;
        return options;
    }

    public static StoreOptions ConfigureChatStore(this StoreOptions options, string connectionString)
    {
        options.Connection(PostgresConnection.Tuned(connectionString));
        options.DatabaseSchemaName = SchemaName;
        options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
        options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);

        options.Policies.AllDocumentsAreMultiTenanted();
        options.Events.TenancyStyle = TenancyStyle.Conjoined;
        // Rich appends hand versions, sequences and timestamps to the inline projections.
        options.Events.AppendMode = EventAppendMode.Rich;

        // The write models are kept as snapshots in the same transaction, so a command loads one document
        // instead of replaying a thread's whole stream.
        options.Projections.Snapshot<Conversation>(SnapshotLifecycle.Inline, RebuildSettings.ApplyWithDeferredWrites);
        options.Projections.Snapshot<ChatThread>(SnapshotLifecycle.Inline, RebuildSettings.ApplyWithDeferredWrites);
        options.Projections.Snapshot<Chat.Domain.Macros.Macro>(SnapshotLifecycle.Inline, RebuildSettings.Apply);
        // Events can carry headers: what a macro run appends names the macro that caused it.
        options.Events.MetadataConfig.HeadersEnabled = true;
        // What a decision needs of one message (a resent client message id, its author) is a row of its own,
        // looked up by index, so the thread's snapshot stays small. Unique per thread and client message id:
        // even a writer that slipped past the conversation's lock could not store a resend twice.
        options.Projections.Add(new ThreadMessageProjection(), ProjectionLifecycle.Inline, asyncConfiguration: RebuildSettings.Apply);
        // Per tenant, like the documents themselves: a workspace copied with its ids (a restore, the benchmark's fill) is no clash.
        options.Schema.For<ThreadMessage>().UniqueIndex(UniqueIndexType.DuplicatedField, "mt_doc_threadmessage_idx_thread_id_client_message_id",
            TenancyScope.PerTenant, x => x.ThreadId, x => x.ClientMessageId);
        options.Projections.LiveStreamAggregation<AgentPresence>();
        options.Projections.LiveStreamAggregation<Chat.Domain.CannedResponses.CannedResponse>();
        options.Projections.LiveStreamAggregation<Chat.Domain.TagCatalogue.CatalogueTag>();
        options.AddChatReadModels();
        options.CountChatEvents();
        options.AddIdentityDocuments();
        options.Schema.For<NodeLease>().SingleTenanted();
        options.Schema.For<IdentitySecret>().SingleTenanted();
        options.Schema.For<Invites.Invite>().SingleTenanted().UseOptimisticConcurrency(true).UniqueIndex(x => x.TokenHash).Index(x => x.WorkspaceId);
        // The time is a column of its own: the log's paging cursor compares (time, id) rows with it.
        options.Schema.For<AdminLog.AdminLogEntry>().SingleTenanted().Index(x => x.WorkspaceId).Duplicate(x => x.At);
        options.Schema.For<SignInFailures>().SingleTenanted();
        options.Schema.For<Mail.MailboxMessage>().SingleTenanted().Index(x => x.To);
        options.Schema.For<AgentConnection>().Index(x => x.AgentId).Index(x => x.NodeId);
        Attachments.PostgresAttachmentStore.AddTable(options);
        return options;
    }

    private static void AddIdentityDocuments(this StoreOptions options)
    {
        options.Schema.For<Workspace>().SingleTenanted().UniqueIndex(x => x.WidgetKey);
        // An address is unique within its workspace only, so no answer of one workspace tells whether another
        // holds it. Email leads the index, because a login without a workspace looks the address up alone.
        options.Schema.For<AgentAccount>().SingleTenanted().UniqueIndex(x => x.Email, x => x.WorkspaceId);
        options.Schema.For<RefreshToken>().SingleTenanted().UseOptimisticConcurrency(true);
        // Versioned: a renewal, a revocation and a replay of one family are applied one after the other.
        options.Schema.For<SessionFamily>().SingleTenanted().UseOptimisticConcurrency(true).Index(x => x.AgentId);
        options.Schema.For<Identity.TwoFactor.TwoFactorState>().SingleTenanted().UseOptimisticConcurrency(true);
        options.Schema.For<Identity.TwoFactor.SecondStepTicket>().SingleTenanted().UseOptimisticConcurrency(true);
    }
}
