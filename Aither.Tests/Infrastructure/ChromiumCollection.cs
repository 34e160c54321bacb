namespace Aither.Tests.Infrastructure;

/// <summary>Every browser test shares one Chromium; tests in the collection run one after the other.</summary>
[CollectionDefinition(Name)]
[LongRunning(18)]
public sealed class ChromiumCollection : ICollectionFixture<ChromiumBrowser>
{
    public const string Name = "Chromium";
}
