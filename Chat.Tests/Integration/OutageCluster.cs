using Chat.Tests.RealTime;

namespace Chat.Tests.Integration;

/// <summary>
/// The broker-outage drills stop RabbitMQ for every node connected to it, so they run alone, after the other
/// collections, on two nodes and a database of their own.
/// </summary>
public sealed class OutageCluster : LiveCluster
{
    protected override string DatabaseSuffix => "_outages";
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class OutageClusterCollection : ICollectionFixture<OutageCluster>
{
    public const string Name = "Broker outages";
}
