using Aither.Service.Output;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class OutputServiceCollectionExtensions
{
    /// <summary>The output directory and what writes into it.</summary>
    public static IServiceCollection AddAitherOutput(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OutputOptions>().Bind(configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OutputOptions>, OutputOptionsValidator>();
        services.AddSingleton<OutputDirectory>();
        services.AddSingleton<AtomicFileWriter>();
        services.AddSingleton<ManifestStore>();
        return services;
    }
}
