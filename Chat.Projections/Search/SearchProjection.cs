using Chat.Domain.Conversations;
using Chat.Domain.Threads;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Chat.Projections.Search;

/// <summary>
/// The staff's search index: three plain tables kept by the async daemon, one row per conversation (the visitor's
/// name and email), per message or note (its shown text) and per thread tag. Each row carries its own tsvector,
/// written in the same statement as its text, with a GIN index, so an edit rewrites one message's row and a deletion
/// removes it: nothing is ever rebuilt for a whole conversation, however long it grows. Every row names its workspace.
/// </summary>
public sealed class SearchProjection : EventProjection
{
    /// <summary>English stemming ("refunds" finds "refund"); other languages' words are matched as they are.</summary>
    public const string TextConfig = "english";

    /// <summary>The projection's name, and so its shard's ("Search:All").</summary>
    public const string ShardName = "Search";

    private readonly string Conversations;
    private readonly string Messages;
    private readonly string Tags;

    public SearchProjection(string schema)
    {
        (Conversations, Messages, Tags) = (SearchTables.Conversations(schema), SearchTables.Messages(schema), SearchTables.Tags(schema));
        Name = ShardName;
        IncludeType<ConversationStarted>();
        IncludeType<VisitorContactGiven>();
        IncludeType<MessagePosted>();
        IncludeType<PrivateNoteAdded>();
        IncludeType<MessageEdited>();
        IncludeType<MessageDeleted>();
        IncludeType<ThreadTagged>();
        IncludeType<ThreadUntagged>();

        var conversations = new Table(new PostgresqlObjectName(schema, SearchTables.ConversationsTable, SchemaUtils.IdentifierUsage.General));
        conversations.AddColumn<string>("tenant_id").AsPrimaryKey();
        conversations.AddColumn<Guid>("conversation_id").AsPrimaryKey();
        conversations.AddColumn<string>("visitor_name");
        conversations.AddColumn<string>("visitor_email");
        conversations.AddColumn("search", "tsvector").NotNull();
        conversations.AddColumn<DateTimeOffset>("last_message_at");
        conversations.Indexes.Add(new IndexDefinition("idx_search_conversations_search") { Method = IndexMethod.gin, Columns = ["search"] });

        var messages = new Table(new PostgresqlObjectName(schema, SearchTables.MessagesTable, SchemaUtils.IdentifierUsage.General));
        messages.AddColumn<string>("tenant_id").AsPrimaryKey();
        messages.AddColumn<Guid>("message_id").AsPrimaryKey();
        messages.AddColumn<Guid>("conversation_id").NotNull();
        messages.AddColumn<Guid>("thread_id").NotNull();
        messages.AddColumn<bool>("is_note").NotNull();
        messages.AddColumn<string>("author_kind").NotNull();
        messages.AddColumn<DateTimeOffset>("posted_at").NotNull();
        messages.AddColumn<string>("text").NotNull();
        messages.AddColumn("search", "tsvector").NotNull();
        messages.Indexes.Add(new IndexDefinition("idx_search_messages_search") { Method = IndexMethod.gin, Columns = ["search"] });
        messages.Indexes.Add(new IndexDefinition("idx_search_messages_conversation") { Columns = ["tenant_id", "conversation_id", "posted_at"] });

        var tags = new Table(new PostgresqlObjectName(schema, SearchTables.TagsTable, SchemaUtils.IdentifierUsage.General));
        tags.AddColumn<string>("tenant_id").AsPrimaryKey();
        tags.AddColumn<Guid>("thread_id").AsPrimaryKey();
        tags.AddColumn<string>("tag").AsPrimaryKey();
        tags.AddColumn<Guid>("conversation_id").NotNull();
        tags.Indexes.Add(new IndexDefinition("idx_search_tags_tag") { Columns = ["tenant_id", "tag"] });

        foreach (var table in new[] { conversations, messages, tags })
        {
            SchemaObjects.Add(table);
            Options.DeleteDataInTableOnTeardown(table.Identifier.QualifiedName);
        }
    }

    /// <summary>The name and the email, and the email's local part and domain, so "ada" or "example.com" find "ada@example.com".</summary>
    public static string VisitorText(string? name, string? email) =>
        email is { } address && address.IndexOf('@') is var at and > 0
            ? $"{name} {address} {address[..at]} {address[(at + 1)..]}"
            : $"{name} {email}";

    public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        var tenant = e.TenantId;
        switch (e.Data)
        {
            case ConversationStarted s:
                operations.QueueSqlCommand(
                    $"insert into {Conversations} (tenant_id, conversation_id, visitor_name, visitor_email, search) " +
                    $"values (?, ?, ?, ?, setweight(to_tsvector('{TextConfig}', ?), 'A')) on conflict do nothing",
                    tenant, s.ConversationId, (object?)s.VisitorName ?? DBNull.Value, (object?)s.VisitorEmail ?? DBNull.Value,
                    VisitorText(s.VisitorName, s.VisitorEmail));
                break;
            case VisitorContactGiven c:
                operations.QueueSqlCommand(
                    $"update {Conversations} set visitor_name = ?, visitor_email = ?, search = setweight(to_tsvector('{TextConfig}', ?), 'A') " +
                    "where tenant_id = ? and conversation_id = ?",
                    (object?)c.Name ?? DBNull.Value, c.Email, VisitorText(c.Name, c.Email), tenant, c.ConversationId);
                break;
            case MessagePosted m:
                Insert(operations, tenant, m.MessageId, m.ConversationId, m.ThreadId, false, m.AuthorKind.ToString(), m.PostedAt, m.Text);
                break;
            case PrivateNoteAdded n:
                Insert(operations, tenant, n.NoteId, n.ConversationId, n.ThreadId, true, nameof(Domain.AuthorKind.Agent), n.AddedAt, n.Text);
                break;
            case MessageEdited edited:
                operations.QueueSqlCommand(
                    $"update {Messages} set text = ?, search = to_tsvector('{TextConfig}', ?) where tenant_id = ? and message_id = ?",
                    edited.Text, edited.Text, tenant, edited.MessageId);
                break;
            case MessageDeleted deleted:
                // The search finds what the transcript shows; the original stays in the events, for the auditor's history.
                operations.QueueSqlCommand($"delete from {Messages} where tenant_id = ? and message_id = ?", tenant, deleted.MessageId);
                break;
            case ThreadTagged t:
                operations.QueueSqlCommand(
                    $"insert into {Tags} (tenant_id, thread_id, tag, conversation_id) values (?, ?, ?, ?) on conflict do nothing",
                    tenant, t.ThreadId, t.Tag, t.ConversationId);
                break;
            case ThreadUntagged u:
                operations.QueueSqlCommand($"delete from {Tags} where tenant_id = ? and thread_id = ? and tag = ?", tenant, u.ThreadId, u.Tag);
                break;
        }
        return ValueTask.CompletedTask;
    }

    private void Insert(IDocumentOperations operations, string tenant, Guid id, Guid conversationId, Guid threadId, bool isNote,
        string authorKind, DateTimeOffset at, string text)
    {
        operations.QueueSqlCommand(
            $"insert into {Messages} (tenant_id, message_id, conversation_id, thread_id, is_note, author_kind, posted_at, text, search) " +
            $"values (?, ?, ?, ?, ?, ?, ?, ?, to_tsvector('{TextConfig}', ?)) on conflict do nothing",
            tenant, id, conversationId, threadId, isNote, authorKind, at, text, text);
        operations.QueueSqlCommand(
            $"update {Conversations} set last_message_at = greatest(last_message_at, ?) where tenant_id = ? and conversation_id = ?",
            at, tenant, conversationId);
    }
}

/// <summary>The search tables' names, for the projection that writes them and the query that reads them.</summary>
public static class SearchTables
{
    public const string ConversationsTable = "search_conversations";
    public const string MessagesTable = "search_messages";
    public const string TagsTable = "search_tags";

    public static string Conversations(string schema) => $"{schema}.{ConversationsTable}";
    public static string Messages(string schema) => $"{schema}.{MessagesTable}";
    public static string Tags(string schema) => $"{schema}.{TagsTable}";
}
