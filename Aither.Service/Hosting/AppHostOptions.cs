namespace Aither.Service.Hosting;

/// <summary>Where the app finds its files and which environment it runs in, before the builder reads anything.</summary>
internal static class AppHostOptions
{
    /// <summary>Set by the launch profile of <c>dotnet run</c>; names the environment only when none is given explicitly.</summary>
    public const string DefaultEnvironmentVariable = "AITHER_DEFAULT_ENVIRONMENT";

    public static WebApplicationOptions Create(string[] args) => new()
    {
        Args = args,
        // Service managers and containers often start the app from another folder (cd / && dotnet /srv/aither/Aither.Service.dll).
        // The content root defaults to the working directory, so such a start would silently miss appsettings.json
        // (endpoint protocols, log levels); the app's own folder is used unless a content root is given.
        ContentRootPath = Given(args, "contentRoot", "CONTENTROOT") ? null : AppContext.BaseDirectory,
        // A launch profile overrides the variables it lists, so it must not list ASPNETCORE_ENVIRONMENT: then
        // `ASPNETCORE_ENVIRONMENT=Production dotnet run` would still start in Development.
        EnvironmentName = Given(args, "environment", "ENVIRONMENT")
            ? null
            : Environment.GetEnvironmentVariable(DefaultEnvironmentVariable) is { Length: > 0 } fallback ? fallback : null,
    };

    private static bool Given(string[] args, string argument, string variableSuffix) =>
        args.Any(arg => arg.TrimStart('-', '/').StartsWith(argument, StringComparison.OrdinalIgnoreCase))
        || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_" + variableSuffix))
        || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_" + variableSuffix));
}
