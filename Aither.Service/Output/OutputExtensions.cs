namespace Aither.Service.Output;

public static class OutputExtensions
{
    /// <summary>The output directory and what writes into it.</summary>
    public static IHostApplicationBuilder AddAitherOutput(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptionsWithValidateOnStart<OutputOptions, OutputOptionsValidator>().Bind(builder.Configuration);
        services.AddSingleton<OutputDirectory>();
        services.AddSingleton<AtomicFileWriter>();
        services.AddSingleton<StaleTempFiles>();
        services.AddSingleton<ManifestStore>();
        return builder;
    }
}
