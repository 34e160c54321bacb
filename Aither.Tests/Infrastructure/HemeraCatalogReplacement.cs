using Aither.Service.Hemera;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Aither.Tests.Infrastructure;

public static class HemeraCatalogReplacement
{
    /// <summary>
    /// Puts <paramref name="catalog"/> behind the service's <see cref="IHemeraCatalog"/> in place of Hemera, so that
    /// the catalogue observers (the personal-data registry) still hear about every participant.
    /// </summary>
    public static IServiceCollection ReplaceHemeraCatalog(this IServiceCollection services, IHemeraCatalog catalog)
    {
        services.RemoveAllKeyed<IHemeraCatalog>(HemeraExtensions.SourceKey);
        services.AddKeyedSingleton(HemeraExtensions.SourceKey, catalog);
        return services;
    }
}
