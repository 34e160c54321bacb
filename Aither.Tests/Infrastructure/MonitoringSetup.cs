using System.Text.Json;

namespace Aither.Tests.Infrastructure;

/// <summary>Points an <see cref="AitherFactory"/> at the Rollbar and SMTP stand-ins.</summary>
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

    /// <summary>Sends failure e-mails to a <see cref="SmtpStandIn"/> (plain SMTP on loopback).</summary>
    public static AitherFactory WithSmtp(this AitherFactory factory, SmtpStandIn smtp)
    {
        factory.Settings["SMTP_HOST"] = "127.0.0.1";
        factory.Settings["SMTP_PORT"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        factory.Settings["SMTP_FROM"] = "aither@aither.test";
        factory.Settings["SMTP_SECURE"] = "none";
        return factory;
    }

    public static string[] PropertyNames(this JsonElement element) =>
        element.EnumerateObject().Select(p => p.Name).ToArray();
}
