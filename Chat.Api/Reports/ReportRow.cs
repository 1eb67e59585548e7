namespace Chat.Api.Reports;

/// <summary>Median and 90th percentile (interpolated between the two nearest values), in seconds; null without data.</summary>
public sealed record Spread(double? Median, double? P90);

public sealed record Satisfaction(double? Average, int Count, IReadOnlyDictionary<string, int> Distribution);

/// <summary>One row of a report: the threads started in one day, hour, group or agent's hands, or all of them.</summary>
public sealed record ReportRow(string Key, string Label, int Started, int Answered, int Missed, int Closed, int Transfers,
    Spread FirstResponse, Spread Resolution, Spread Waiting, Satisfaction Csat);

public sealed record ReportSummary(string TimeZone, string From, string To, string GroupBy, IReadOnlyList<ReportRow> Rows, ReportRow Total);

/// <summary>One thread behind a figure, with its own figures.</summary>
public sealed record ReportThread(Guid ConversationId, Guid ThreadId, int Number, DateTimeOffset StartedAt, string Group, Guid? AgentId,
    string? AgentName, double? FirstResponseSeconds, double? ResolutionSeconds, double? WaitingSeconds, int Transfers, bool Missed, int? Rating);

public sealed record ReportThreads(IReadOnlyList<ReportThread> Items, int Total, int Page, int PageSize);
