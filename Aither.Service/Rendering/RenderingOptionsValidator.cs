using Microsoft.Extensions.Options;

namespace Aither.Service.Rendering;

internal sealed class RenderingOptionsValidator : IValidateOptions<RenderingOptions>
{
    public ValidateOptionsResult Validate(string? name, RenderingOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.DisplayTimeZone))
        {
            return ValidateOptionsResult.Fail("DISPLAY_TIME_ZONE must not be empty; use an IANA time zone id such as Europe/Berlin.");
        }

        return TryFindTimeZone(options.DisplayTimeZone, out _)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"DISPLAY_TIME_ZONE '{options.DisplayTimeZone}' is not a known IANA time zone id (for example Europe/Berlin).");
    }

    internal static bool TryFindTimeZone(string id, out TimeZoneInfo zone)
    {
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            zone = TimeZoneInfo.Utc;
            return false;
        }
    }
}
