using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Aither.Tests.Infrastructure;

/// <summary>An OTLP/HTTP receiver on loopback: keeps every protobuf request body per signal path and answers 200.</summary>
public sealed class OtlpStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Path, byte[] Body)> _requests = new();

    private OtlpStandIn(WebApplication app) => _app = app;

    public Uri BaseAddress => LoopbackServer.Address(_app);

    public static async Task<OtlpStandIn> StartAsync()
    {
        var app = LoopbackServer.CreateBuilder().Build();
        var standIn = new OtlpStandIn(app);
        app.MapPost("/v1/{signal}", async (HttpContext context, string signal) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            standIn._requests.Enqueue(("/v1/" + signal, body.ToArray()));
            context.Response.ContentType = "application/x-protobuf";
            return Results.Ok();
        });
        await app.StartAsync();
        return standIn;
    }

    public IReadOnlyList<byte[]> Bodies(string path) => _requests.Where(r => r.Path == path).Select(r => r.Body).ToList();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
