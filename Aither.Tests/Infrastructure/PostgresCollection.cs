namespace Aither.Tests.Infrastructure;

/// <summary>Every test class that needs PostgreSQL shares one throwaway server.</summary>
[CollectionDefinition(Name)]
[LongRunning(17)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
