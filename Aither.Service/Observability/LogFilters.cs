using Aither.Service.Hosting;

namespace Aither.Service.Observability;

internal static class LogFilters
{
    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    /// <summary>
    /// The host logs a failed start with its stack trace before rethrowing; a port in use is then said once, as one
    /// line on stderr, by <see cref="StartupFailure"/>.
    /// </summary>
    public static bool ReportedElsewhere(string category, Exception? exception) =>
        category == HostCategory && StartupFailure.IsReportedHere(exception);
}
