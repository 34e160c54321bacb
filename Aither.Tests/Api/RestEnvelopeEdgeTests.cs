using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Aither.Tests.Infrastructure;
using static Aither.Tests.Infrastructure.JsonAssert;

namespace Aither.Tests.Api;

/// <summary>
/// Answers under /api that used to escape the envelope: requests sent with a gRPC content type to the REST face,
/// and bodies larger than the routes could ever need. The tests that are refused share one service, which never
/// runs a sync; the two that start one have a service of their own.
/// </summary>
public sealed class RestEnvelopeEdgeTests(SharedAitherFactory shared, ITestOutputHelper output) : IAsyncLifetime, IClassFixture<SharedAitherFactory>
{
    private readonly AitherFactory _factory = shared.For(output);
    private readonly AitherFactory _own = new AitherFactory().WithOutput(output);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _own.Pipeline.Succeed();
        await _own.DisposeAsync();
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, HttpContent? content = null) =>
        SendAsync(_factory, method, path, token, content);

    private static async Task<HttpResponseMessage> SendAsync(AitherFactory factory, HttpMethod method, string path, string? token, HttpContent? content = null)
    {
        var client = factory.CreateClient();
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await client.SendAsync(request);
    }

    private static ByteArrayContent GrpcContent()
    {
        var content = new ByteArrayContent([0, 0, 0, 0, 0]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        return content;
    }

    [Fact]
    public async Task PostSync_GrpcContentTypeWhileRunning_Returns409Envelope()
    {
        using (var first = await SendAsync(_own, HttpMethod.Post, "/api/sync", AitherFactory.AdminToken))
        {
            Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        }

        using var response = await SendAsync(_own, HttpMethod.Post, "/api/sync", AitherFactory.AdminToken, GrpcContent());

        Assert.Equal("A sync operation is already running", await ErrorAsync(response, HttpStatusCode.Conflict, "SYNC_IN_PROGRESS"));
    }

    [Fact]
    public async Task PostSync_GrpcContentTypeWrongToken_Returns401Envelope()
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/sync", "wrong-token", GrpcContent());

        await ErrorAsync(response, HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
    }

    [Fact]
    public async Task PutSync_GrpcContentType_Returns405Envelope()
    {
        using var response = await SendAsync(HttpMethod.Put, "/api/sync", AitherFactory.AdminToken, GrpcContent());

        await ErrorAsync(response, HttpStatusCode.MethodNotAllowed, "METHOD_NOT_ALLOWED");
    }

    [Fact]
    public async Task GetUnknownApiPath_GrpcContentType_Returns404Envelope()
    {
        using var response = await SendAsync(HttpMethod.Get, "/api/nothing-here", AitherFactory.AdminToken, GrpcContent());

        await ErrorAsync(response, HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task PostSync_DeclaredBodyOverLimit_Returns413EnvelopeAndStartsNothing()
    {
        using var content = new ByteArrayContent(new byte[(64 * 1024) + 1]);

        using var response = await SendAsync(HttpMethod.Post, "/api/sync", AitherFactory.AdminToken, content);

        Assert.Equal("The request body is larger than 64 KiB", await ErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE"));
        Assert.Equal(0, _factory.Pipeline.Runs);
    }

    [Fact]
    public async Task PostSync_ChunkedBodyOverLimit_Returns413Envelope()
    {
        using var content = new StreamContent(new MemoryStream(new byte[4 * 1024 * 1024]));
        content.Headers.ContentLength = null;

        using var response = await SendAsync(HttpMethod.Post, "/api/sync", AitherFactory.AdminToken, content);

        await ErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE");
        Assert.Equal(0, _factory.Pipeline.Runs);
    }

    [Theory]
    [InlineData("application/json; charset=utf-7")]
    [InlineData("application/json; charset=no-such-charset")]
    public async Task PostSync_CharsetDotNetCannotDecode_Returns415Envelope(string contentType)
    {
        using var content = new ByteArrayContent("{}"u8.ToArray());
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        using var response = await SendAsync(HttpMethod.Post, "/api/sync", AitherFactory.AdminToken, content);

        await ErrorAsync(response, HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE");
        Assert.Equal(0, _factory.Pipeline.Runs);
    }

    [Fact]
    public async Task PostSync_BodyAtLimit_Returns202()
    {
        using var content = new StringContent(new string('x', 64 * 1024), Encoding.ASCII, "application/json");

        using var response = await SendAsync(_own, HttpMethod.Post, "/api/sync", AitherFactory.AdminToken, content);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }
}
