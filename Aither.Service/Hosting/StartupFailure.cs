using Microsoft.Extensions.Options;

namespace Aither.Service.Hosting;

/// <summary>Turns a configuration error at start-up into one line on stderr and exit code 1, instead of a stack trace.</summary>
internal static class StartupFailure
{
    public static int Run(WebApplication app)
    {
        try
        {
            app.Run();
            return 0;
        }
        catch (OptionsValidationException ex)
        {
            Console.Error.WriteLine($"Invalid configuration: {string.Join(" ", ex.Failures)}");
        }
        catch (InvalidOperationException ex) when (ex.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
        {
            Console.Error.WriteLine($"Invalid configuration: {ex.Message}");
        }

        return 1;
    }
}
