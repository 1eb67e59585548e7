namespace Chat.Api.Workspaces;

/// <summary>IANA time zones, as the system's time zone database knows them.</summary>
public static class TimeZones
{
    public static TimeZoneInfo? Find(string id)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > 64) return null;
        try
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(id.Trim());
            // A Windows name would be converted; reports speak IANA only.
            return TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out _) && !zone.HasIanaId ? null : zone;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }
}
