using Microsoft.Extensions.Options;

namespace Aither.Service.Rendering;

public static class RenderingExtensions
{
    /// <summary>The course-page renderer and its options (DISPLAY_TIME_ZONE).</summary>
    public static IHostApplicationBuilder AddAitherRendering(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<RenderingOptions>().Bind(builder.Configuration).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<RenderingOptions>, RenderingOptionsValidator>();
        builder.Services.AddSingleton<CoursePageRenderer>();
        return builder;
    }
}
