using System.Text.Json;

namespace Aither.Tests.Infrastructure;

/// <summary>Points an <see cref="AitherFactory"/> at a <see cref="RollbarStandIn"/>.</summary>
public static class MonitoringSetup
{
    public const string RollbarToken = "rollbar-test-token-5f1c9e";

    public static AitherFactory WithRollbar(this AitherFactory factory, RollbarStandIn rollbar)
    {
        factory.Settings["ROLLBAR_ACCESS_TOKEN"] = RollbarToken;
        factory.Settings["ROLLBAR_ENDPOINT"] = rollbar.ItemUrl.ToString();
        factory.Settings["ROLLBAR_ENVIRONMENT"] = "test";
        factory.Settings["ROLLBAR_RETRY_DELAY_MS"] = "10";
        return factory;
    }

    public static string[] PropertyNames(this JsonElement element) =>
        element.EnumerateObject().Select(p => p.Name).ToArray();
}
