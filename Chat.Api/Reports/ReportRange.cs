using System.Globalization;
using Chat.Api.Infrastructure;

namespace Chat.Api.Reports;

public enum ReportGrouping { Day, Hour, Group, Agent }

/// <summary>
/// The days a report covers, both included, in the workspace's time zone, and how its rows are cut. Read from the
/// query string and checked before anything is read: a reversed, malformed or overlong range is a 400 problem.
/// </summary>
public sealed record ReportRange(DateOnly From, DateOnly To, ReportGrouping GroupBy, TimeZoneInfo Zone)
{
    /// <summary>Hour rows of more than a month would be more rows than a chart can show.</summary>
    public const int MaxHourDays = 31;

    public DateTimeOffset StartUtc => Midnight(From);
    public DateTimeOffset EndUtc => Midnight(To.AddDays(1));

    public static (ReportRange? Range, string? Problem) Parse(string? from, string? to, string? groupBy, TimeZoneInfo zone, int maxDays)
    {
        if (!TryDate(from, out var start) || !TryDate(to, out var end))
            return (null, "from and to are required dates, yyyy-MM-dd.");
        if (end < start) return (null, "to is before from.");
        var days = end.DayNumber - start.DayNumber + 1;
        if (days > maxDays) return (null, $"A report covers at most {maxDays} days.");
        var grouping = ReportGrouping.Day;
        if (!string.IsNullOrEmpty(groupBy) && !Enum.TryParse(groupBy, ignoreCase: true, out grouping) || !Enum.IsDefined(grouping))
            return (null, "groupBy is one of day, hour, group, agent.");
        if (grouping == ReportGrouping.Hour && days > MaxHourDays) return (null, $"Hourly reports cover at most {MaxHourDays} days.");
        return (new ReportRange(start, end, grouping, zone), null);
    }

    /// <summary>Every day or hour row of the range in order, so that a quiet one shows as zero rather than missing.</summary>
    public IEnumerable<string> TimeKeys()
    {
        for (var day = From; day <= To; day = day.AddDays(1))
        {
            if (GroupBy == ReportGrouping.Day) yield return DayKey(day);
            else for (var hour = 0; hour < 24; hour++) yield return HourKey(day, hour);
        }
    }

    /// <summary>The instants a day or hour row covers, for the threads behind it.</summary>
    public (DateTimeOffset Start, DateTimeOffset End)? Bucket(string key)
    {
        if (GroupBy == ReportGrouping.Day && TryDate(key, out var day) && day >= From && day <= To)
            return (Midnight(day), Midnight(day.AddDays(1)));
        if (GroupBy == ReportGrouping.Hour
            && DateTime.TryParseExact(key, "yyyy-MM-dd'T'HH:00", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            && DateOnly.FromDateTime(local) >= From && DateOnly.FromDateTime(local) <= To)
            return (Utc(local), Utc(local.AddHours(1)));
        return null;
    }

    public static string DayKey(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string HourKey(DateOnly day, int hour) => $"{DayKey(day)}T{hour:00}:00";

    private DateTimeOffset Midnight(DateOnly day) => Utc(day.ToDateTime(TimeOnly.MinValue));

    /// <summary>A wall-clock time of the zone as an instant; one skipped by a clock change counts from the change.</summary>
    private DateTimeOffset Utc(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (Zone.IsInvalidTime(unspecified)) unspecified = unspecified.AddMinutes(30);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(unspecified, Zone), TimeSpan.Zero);
    }

    private static bool TryDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}

public sealed class ReportOptions
{
    /// <summary>The longest range a report may cover.</summary>
    public int MaxDays { get; set; } = 366;
}
