using System.Text.RegularExpressions;
using Aither.Service.State;
using Aither.Service.Sync;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;

namespace Aither.Service.Hosting;

/// <summary>
/// Validates every option before the host starts, and turns the start-up failures an operator can fix (a bad
/// setting, a port in use) into one line on stderr and exit code 1 instead of a stack trace from inside the host.
/// </summary>
internal static partial class StartupFailure
{
    public static int Run(WebApplication app)
    {
        try
        {
            app.Services.GetService<IStartupValidator>()?.Validate();
        }
        catch (Exception ex) when (ConfigurationError(ex) is { } message)
        {
            Console.Error.WriteLine($"Invalid configuration: {message}");
            return 1;
        }

        try
        {
            // Before the host starts: a store that cannot be opened or migrated must not leave a half-started service.
            app.Services.GetRequiredService<SyncCoordinator>().InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (StateStoreException ex)
        {
            Console.Error.WriteLine($"State store error: {ex.Message}");
            return 1;
        }

        try
        {
            app.Run();
        }
        catch (IOException ex) when (ex.InnerException is AddressInUseException)
        {
            Console.Error.WriteLine(PortInUse(ex.Message));
            return 1;
        }

        return 0;
    }

    /// <summary>True for the host's own report of a failed start that <see cref="Run"/> prints as one line.</summary>
    public static bool IsReportedHere(Exception? exception) =>
        exception is IOException { InnerException: AddressInUseException };

    private static string PortInUse(string kestrelMessage)
    {
        // Kestrel: "Failed to bind to address http://127.0.0.1:5080: address already in use."
        var address = BindAddress().Match(kestrelMessage);
        return address.Success
            ? $"Cannot listen on {address.Groups["url"].Value}: port {address.Groups["port"].Value} is already in use by another process. "
                + "Stop that process or choose another port with Kestrel__Endpoints__Rest__Url or Kestrel__Endpoints__Grpc__Url."
            : $"Cannot listen: {kestrelMessage} Choose another port with Kestrel__Endpoints__Rest__Url or Kestrel__Endpoints__Grpc__Url.";
    }

    private static string? ConfigurationError(Exception exception)
    {
        var failures = Failures(exception).Distinct(StringComparer.Ordinal).ToList();
        return failures.Count == 0 ? null : string.Join(" ", failures);
    }

    // The start-up validator can report the same options twice (once per path that resolves them); each failure is said once.
    private static IEnumerable<string> Failures(Exception exception) => exception switch
    {
        OptionsValidationException validation => validation.Failures,
        // The binder names the variable and the value it could not convert.
        InvalidOperationException conversion when conversion.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) => [conversion.Message],
        AggregateException aggregate => aggregate.InnerExceptions.SelectMany(Failures),
        _ => [],
    };

    [GeneratedRegex(@"address (?<url>\S+?://\S+?:(?<port>\d+))", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex BindAddress();
}
