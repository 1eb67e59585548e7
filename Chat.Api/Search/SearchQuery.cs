using Chat.Api.Infrastructure;
using Chat.Domain;
using Chat.Projections.Search;
using Marten;
using Npgsql;

namespace Chat.Api.Search;

/// <summary>A piece of highlighted text: the dashboard sets each as text and wraps the matching ones, never parsing HTML.</summary>
public sealed record Fragment(string Text, bool Match);

/// <summary>A message or note that matched, with its snippet.</summary>
public sealed record SearchHit(Guid MessageId, Guid ThreadId, bool IsPrivateNote, AuthorKind AuthorKind, DateTimeOffset PostedAt,
    IReadOnlyList<Fragment> Snippet);

/// <summary>A conversation found, its visitor highlighted where the query matched, and its best hits (up to three).</summary>
public sealed record SearchResult(Guid ConversationId, IReadOnlyList<Fragment> VisitorName, IReadOnlyList<Fragment> VisitorEmail,
    IReadOnlyList<string> Tags, DateTimeOffset? LastMessageAt, double Rank, IReadOnlyList<SearchHit> Hits);

public sealed record SearchPage(int Page, int PageSize, bool HasMore, IReadOnlyList<SearchResult> Results);

/// <summary>What was asked, checked; a tag is matched by every name it has had (<see cref="TagNames"/>), as in the inbox.</summary>
public sealed record SearchCriteria(string? Text, string? Tag, DateTimeOffset? From, DateTimeOffset? To, int Page, int PageSize)
{
    public IReadOnlyList<string>? TagNames { get; init; }
}

/// <summary>
/// PostgreSQL ranks and highlights: a conversation matches by its visitor's name or email or by any message or note
/// shown now; its rank is the visitor's (weighted as a title) plus its best message's. Ties go to the latest activity,
/// then the id, so pages are stable while nothing changes. Snippets are cut only for the page's conversations.
/// </summary>
public static class SearchQuery
{
    private const string Config = SearchProjection.TextConfig;
    private static readonly string Conversations = SearchTables.Conversations(MartenSetup.SchemaName);
    private static readonly string Messages = SearchTables.Messages(MartenSetup.SchemaName);
    private static readonly string Tags = SearchTables.Tags(MartenSetup.SchemaName);

    // Private-use characters mark the matches; they are taken out of the text first, so a message cannot fake one.
    private const char Start = '\uE000';
    private const char Stop = '\uE001';
    private const string Markers = "\uE000\uE001\uE002\uE003\uE004";
    // ts_headline drops what its parser reads as HTML tags and entities: '<', '>' and '&' travel as stand-ins and come back.
    private const string Markup = "<>&";
    private const string StandIns = "\uE002\uE003\uE004";
    private static readonly string SnippetOptions = $"StartSel=\"{Start}\", StopSel=\"{Stop}\", MaxWords=24, MinWords=8, MaxFragments=2, FragmentDelimiter=\" … \"";
    private static readonly string WholeOptions = $"StartSel=\"{Start}\", StopSel=\"{Stop}\", HighlightAll=true";
    private const int HitsPerConversation = 3;

    public static async Task<SearchPage> RunAsync(IDocumentStore store, string workspaceId, SearchCriteria criteria, CancellationToken ct)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        var found = await FindAsync(connection, workspaceId, criteria, ct);
        var hasMore = found.Count > criteria.PageSize;
        var page = found.Take(criteria.PageSize).ToList();
        var ids = page.Select(p => p.Id).ToArray();
        var (visitors, tags, hits) = (await VisitorsAsync(connection, workspaceId, ids, criteria.Text, ct),
            await TagsAsync(connection, workspaceId, ids, ct), await HitsAsync(connection, workspaceId, ids, criteria, ct));
        return new SearchPage(criteria.Page, criteria.PageSize, hasMore, [.. page.Select(p => new SearchResult(p.Id,
            visitors.GetValueOrDefault(p.Id).Name ?? [], visitors.GetValueOrDefault(p.Id).Email ?? [], tags.GetValueOrDefault(p.Id) ?? [],
            p.LastMessageAt, p.Rank, hits.GetValueOrDefault(p.Id) ?? []))]);
    }

    private sealed record Found(Guid Id, DateTimeOffset? LastMessageAt, double Rank);

    /// <summary>One more row than the page, to tell whether another page follows.</summary>
    private static async Task<List<Found>> FindAsync(NpgsqlConnection connection, string workspaceId, SearchCriteria c, CancellationToken ct)
    {
        var inRange = "(@from::timestamptz is null or m.posted_at >= @from) and (@to::timestamptz is null or m.posted_at < @to)";
        var filters = $"""
            (@tags::text[] is null or exists (select 1 from {Tags} t where t.tenant_id = @workspace and t.conversation_id = c.conversation_id and t.tag = any(@tags)))
            and ((@from::timestamptz is null and @to::timestamptz is null) or exists (select 1 from {Messages} m
                 where m.tenant_id = @workspace and m.conversation_id = c.conversation_id and {inRange}))
            """;
        var sql = c.Text is null
            ? $"""
              select c.conversation_id, c.last_message_at, 0::float8 from {Conversations} c
              where c.tenant_id = @workspace and {filters}
              order by c.last_message_at desc nulls last, c.conversation_id limit @limit offset @offset
              """
            : $"""
              with query as (select websearch_to_tsquery('{Config}', @text) as q),
              hits as (
                select m.conversation_id, max(ts_rank(m.search, query.q)) as rank from {Messages} m, query
                where m.tenant_id = @workspace and m.search @@ query.q and {inRange} group by m.conversation_id),
              visitors as (
                select c.conversation_id, ts_rank(c.search, query.q) as rank from {Conversations} c, query
                where c.tenant_id = @workspace and c.search @@ query.q),
              matched as (
                select coalesce(h.conversation_id, v.conversation_id) as conversation_id, coalesce(v.rank, 0) + coalesce(h.rank, 0) as rank
                from hits h full join visitors v on v.conversation_id = h.conversation_id)
              select c.conversation_id, c.last_message_at, matched.rank::float8 from matched
              join {Conversations} c on c.tenant_id = @workspace and c.conversation_id = matched.conversation_id
              where {filters}
              order by matched.rank desc, c.last_message_at desc nulls last, c.conversation_id limit @limit offset @offset
              """;
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("workspace", workspaceId);
        command.Parameters.AddWithValue("text", NpgsqlTypes.NpgsqlDbType.Text, (object?)c.Text ?? DBNull.Value);
        var tags = c.TagNames ?? (c.Tag is { } tag ? [tag] : null);
        command.Parameters.AddWithValue("tags", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text, (object?)tags?.ToArray() ?? DBNull.Value);
        command.Parameters.AddWithValue("from", NpgsqlTypes.NpgsqlDbType.TimestampTz, (object?)c.From?.ToUniversalTime() ?? DBNull.Value);
        command.Parameters.AddWithValue("to", NpgsqlTypes.NpgsqlDbType.TimestampTz, (object?)c.To?.ToUniversalTime() ?? DBNull.Value);
        command.Parameters.AddWithValue("limit", c.PageSize + 1);
        command.Parameters.AddWithValue("offset", (c.Page - 1) * c.PageSize);
        var found = new List<Found>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            found.Add(new Found(reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1), reader.GetDouble(2)));
        return found;
    }

    private static async Task<Dictionary<Guid, (IReadOnlyList<Fragment>? Name, IReadOnlyList<Fragment>? Email)>> VisitorsAsync(
        NpgsqlConnection connection, string workspaceId, Guid[] ids, string? text, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"""
            select c.conversation_id,
              case when @text::text is null then c.visitor_name
                   else ts_headline('{Config}', translate(translate(c.visitor_name, @markers, ''), @markup, @standins), websearch_to_tsquery('{Config}', @text), @options) end,
              case when @text::text is null then c.visitor_email
                   else ts_headline('{Config}', translate(translate(c.visitor_email, @markers, ''), @markup, @standins), websearch_to_tsquery('{Config}', @text), @options) end
            from {Conversations} c where c.tenant_id = @workspace and c.conversation_id = any(@ids)
            """, connection);
        command.Parameters.AddWithValue("workspace", workspaceId);
        command.Parameters.AddWithValue("ids", ids);
        command.Parameters.AddWithValue("text", NpgsqlTypes.NpgsqlDbType.Text, (object?)text ?? DBNull.Value);
        command.Parameters.AddWithValue("markers", Markers);
        command.Parameters.AddWithValue("markup", Markup);
        command.Parameters.AddWithValue("standins", StandIns);
        command.Parameters.AddWithValue("options", WholeOptions);
        var visitors = new Dictionary<Guid, (IReadOnlyList<Fragment>?, IReadOnlyList<Fragment>?)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            visitors[reader.GetGuid(0)] = (Split(reader.IsDBNull(1) ? null : reader.GetString(1)), Split(reader.IsDBNull(2) ? null : reader.GetString(2)));
        return visitors;
    }

    private static async Task<Dictionary<Guid, IReadOnlyList<string>>> TagsAsync(NpgsqlConnection connection, string workspaceId, Guid[] ids,
        CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"select conversation_id, array_agg(distinct tag order by tag) from {Tags} where tenant_id = @workspace and conversation_id = any(@ids) group by 1",
            connection);
        command.Parameters.AddWithValue("workspace", workspaceId);
        command.Parameters.AddWithValue("ids", ids);
        var tags = new Dictionary<Guid, IReadOnlyList<string>>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) tags[reader.GetGuid(0)] = reader.GetFieldValue<string[]>(1);
        return tags;
    }

    /// <summary>Each conversation's best matching messages in range, highest rank first, with their snippets.</summary>
    private static async Task<Dictionary<Guid, IReadOnlyList<SearchHit>>> HitsAsync(NpgsqlConnection connection, string workspaceId, Guid[] ids,
        SearchCriteria c, CancellationToken ct)
    {
        var hits = new Dictionary<Guid, IReadOnlyList<SearchHit>>();
        if (c.Text is null || ids.Length == 0) return hits;
        await using var command = new NpgsqlCommand($"""
            with query as (select websearch_to_tsquery('{Config}', @text) as q)
            select ranked.conversation_id, ranked.message_id, ranked.thread_id, ranked.is_note, ranked.author_kind, ranked.posted_at,
                   ts_headline('{Config}', translate(translate(ranked.text, @markers, ''), @markup, @standins), query.q, @options)
            from (select m.*, row_number() over (partition by m.conversation_id order by ts_rank(m.search, query.q) desc, m.posted_at desc, m.message_id) as n
                  from {Messages} m, query
                  where m.tenant_id = @workspace and m.conversation_id = any(@ids) and m.search @@ query.q
                    and (@from::timestamptz is null or m.posted_at >= @from) and (@to::timestamptz is null or m.posted_at < @to)) ranked, query
            where ranked.n <= {HitsPerConversation}
            order by ranked.conversation_id, ranked.n
            """, connection);
        command.Parameters.AddWithValue("workspace", workspaceId);
        command.Parameters.AddWithValue("ids", ids);
        command.Parameters.AddWithValue("text", c.Text);
        command.Parameters.AddWithValue("markers", Markers);
        command.Parameters.AddWithValue("markup", Markup);
        command.Parameters.AddWithValue("standins", StandIns);
        command.Parameters.AddWithValue("options", SnippetOptions);
        command.Parameters.AddWithValue("from", NpgsqlTypes.NpgsqlDbType.TimestampTz, (object?)c.From?.ToUniversalTime() ?? DBNull.Value);
        command.Parameters.AddWithValue("to", NpgsqlTypes.NpgsqlDbType.TimestampTz, (object?)c.To?.ToUniversalTime() ?? DBNull.Value);
        var all = new List<(Guid Conversation, SearchHit Hit)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            all.Add((reader.GetGuid(0), new SearchHit(reader.GetGuid(1), reader.GetGuid(2), reader.GetBoolean(3),
                Enum.Parse<AuthorKind>(reader.GetString(4)), reader.GetFieldValue<DateTimeOffset>(5), Split(reader.GetString(6)) ?? [])));
        foreach (var group in all.GroupBy(h => h.Conversation)) hits[group.Key] = [.. group.Select(h => h.Hit)];
        return hits;
    }

    /// <summary>Text with markers into fragments: between a start and a stop marker is a match.</summary>
    public static IReadOnlyList<Fragment>? Split(string? marked)
    {
        if (marked is null) return null;
        var fragments = new List<Fragment>();
        var match = false;
        var start = 0;
        for (var i = 0; i <= marked.Length; i++)
        {
            if (i < marked.Length && marked[i] != Start && marked[i] != Stop) continue;
            if (i > start) fragments.Add(new Fragment(Restore(marked[start..i]), match));
            if (i < marked.Length) match = marked[i] == Start;
            start = i + 1;
        }
        return fragments;
    }

    private static string Restore(string text)
    {
        for (var i = 0; i < Markup.Length; i++) text = text.Replace(StandIns[i], Markup[i]);
        return text;
    }
}
