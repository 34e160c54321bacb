using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aither.Testing;

/// <summary>Small real HTTP servers on 127.0.0.1 for the systems Aither talks to (Clerk, Hemera, Rollbar).</summary>
public static class LoopbackServer
{
    /// <summary>
    /// A bare builder bound to a free loopback port. The configuration is cleared because the test output folder
    /// holds the service's appsettings.json, whose Kestrel endpoints would otherwise be bound instead.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["urls"] = "http://127.0.0.1:0" });
        builder.Logging.ClearProviders();
        return builder;
    }

    /// <summary>The address the started server listens on.</summary>
    public static Uri Address(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
}
