using Microsoft.Extensions.Options;

namespace Aither.Service.Hosting;

/// <summary>
/// Validates every option before the host starts, so a configuration error is one line on stderr and exit
/// code 1 instead of a stack trace from inside the host.
/// </summary>
internal static class StartupFailure
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

        app.Run();
        return 0;
    }

    private static string? ConfigurationError(Exception exception) => exception switch
    {
        OptionsValidationException validation => string.Join(" ", validation.Failures),
        // The binder names the variable and the value it could not convert.
        InvalidOperationException conversion when conversion.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) => conversion.Message,
        AggregateException aggregate => string.Join(" ", aggregate.InnerExceptions.Select(ConfigurationError).OfType<string>()) is { Length: > 0 } joined ? joined : null,
        _ => null,
    };
}
