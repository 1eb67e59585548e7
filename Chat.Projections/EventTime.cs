using JasperFx.Events;

namespace Chat.Projections;

public static class EventTime
{
    /// <summary>
    /// The event's time as PostgreSQL stores it (whole microseconds). The inline pass sees the finer
    /// in-memory value; truncating makes a rebuild from stored events produce the very same documents.
    /// </summary>
    public static DateTimeOffset At(this IEvent e) => new(e.Timestamp.Ticks - e.Timestamp.Ticks % 10, e.Timestamp.Offset);
}
