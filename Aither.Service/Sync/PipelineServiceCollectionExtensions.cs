using Aither.Service.Rendering;
using Aither.Service.Sync;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class PipelineServiceCollectionExtensions
{
    /// <summary>
    /// The Hemera-to-HTML pipeline and its renderer. Needs <c>AddAitherOutput</c> and an <c>IHemeraCatalog</c>.
    /// </summary>
    public static IServiceCollection AddAitherPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RenderingOptions>().Bind(configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RenderingOptions>, RenderingOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<CoursePageRenderer>();
        services.AddSingleton<ISyncPipeline, HemeraSyncPipeline>();
        return services;
    }
}
