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

        return TimeZoneInfo.TryFindSystemTimeZoneById(options.DisplayTimeZone, out _)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(UnknownTimeZone(options.DisplayTimeZone));
    }

    internal static string UnknownTimeZone(string id) =>
        $"DISPLAY_TIME_ZONE '{id}' is not a known IANA time zone id (for example Europe/Berlin).";
}
