using Aither.Tests.Infrastructure;

[assembly: TestCollectionOrderer("Aither.Tests.Infrastructure.LongRunningFirstOrderer", "Aither.Tests")]

namespace Aither.Tests.Infrastructure;

/// <summary>
/// The order in which xunit starts the test collections (two at a time on two cores): those marked
/// <see cref="LongRunningAttribute"/> first, the longest of them first, then the rest by name. Started last, a long
/// collection would run on alone while the other core idles; started first, it runs beside the many short ones. The
/// order only decides when a collection starts: the tests do not depend on it.
/// </summary>
public sealed class LongRunningFirstOrderer : ITestCollectionOrderer
{
    /// <summary>How xunit names the collection it makes for a test class without a [Collection] of its own.</summary>
    private const string PerClassPrefix = "Test collection for ";

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections
            .OrderByDescending(collection => EstimatedSeconds(collection))
            .ThenBy(collection => collection.DisplayName, StringComparer.Ordinal);

    /// <summary>The estimate of a <see cref="LongRunningAttribute"/> collection; 0 for the others.</summary>
    private static int EstimatedSeconds(ITestCollection collection)
    {
        var type = collection.CollectionDefinition
            ?? (collection.DisplayName.StartsWith(PerClassPrefix, StringComparison.Ordinal)
                ? collection.TestAssembly.Assembly.GetType(collection.DisplayName[PerClassPrefix.Length..])
                : null);
        return type?.GetCustomAttributes(typeof(LongRunningAttribute)).FirstOrDefault()?.GetNamedArgument<int>(nameof(LongRunningAttribute.Seconds)) ?? 0;
    }
}
