using Microsoft.Extensions.Options;

namespace Aither.Service.Rendering;

/// <summary>How the course page is rendered. Bound from the environment variables named on each property.</summary>
public sealed class RenderingOptions
{
    /// <summary>IANA time zone in which dates and the generation time are shown on the page.</summary>
    [ConfigurationKeyName("DISPLAY_TIME_ZONE")]
    public string DisplayTimeZone { get; set; } = "Europe/Berlin";
}
