using JasperFx.Events.Projections;

namespace Chat.Projections;

/// <summary>
/// How the async daemon replays the inline projections in a rebuild (`./rebuild.sh`); live writes never use it.
/// Pages of 5,000 events instead of 500, and aggregates kept in memory between pages instead of loaded again.
/// </summary>
public static class RebuildSettings
{
    public static void Apply(AsyncOptions options)
    {
        options.BatchSize = 5_000;
        options.CacheLimitPerTenant = 10_000;
    }

    /// <summary>
    /// For projections whose only output is their own document: each one's latest state is written once per 10,000
    /// changed documents instead of once per page. Not for the hash chain, whose links are documents of their own:
    /// deferred writes keep only the aggregate and lost every link (measured).
    /// </summary>
    public static void ApplyWithDeferredWrites(AsyncOptions options)
    {
        Apply(options);
        options.RebuildFlushThreshold = 10_000;
    }
}
