namespace Aither.Service.Rendering;

public static class RenderingExtensions
{
    /// <summary>The course-page renderer and its options (DISPLAY_TIME_ZONE).</summary>
    public static IHostApplicationBuilder AddAitherRendering(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptionsWithValidateOnStart<RenderingOptions, RenderingOptionsValidator>().Bind(builder.Configuration);
        builder.Services.AddSingleton<CoursePageRenderer>();
        return builder;
    }
}
