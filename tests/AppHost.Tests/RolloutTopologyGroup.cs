namespace AppHost.Tests;

/// <summary>Test classes in this collection share one running <see cref="RolloutTopologyFixture"/>.</summary>
[CollectionDefinition(RolloutTopologyFixture.Collection)]
public sealed class RolloutTopologyGroup : ICollectionFixture<RolloutTopologyFixture>;
