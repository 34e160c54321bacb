using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Aither.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Aither.Tests.Hostile;

/// <summary>
/// The hostile-request corpus (<c>Hostile/Corpus/*.txt</c>, one case per line) against the real Kestrel: no answer is
/// 5xx, every answer under /api that reached the app is the envelope with its request id, no answer carries a
/// secret, and the service answers normally afterwards. Failed authentications are not limited here, so that
/// every case reaches the code it aims at (the limiter has its own tests).
/// </summary>
public sealed class HostileRequestTests : IAsyncLifetime, IClassFixture<ClerkFixture>
{
    private const string CronSecret = "cron-secret-for-hostile-tests";

    private readonly ITestOutputHelper _output;
    private readonly ConcurrentDictionary<string, string> _pathsSeenByApp = new();
    private readonly ClerkStandIn _clerk;
    private AitherFactory _factory = null!;
    private Dictionary<string, string> _secrets = null!;

    public HostileRequestTests(ClerkFixture clerk, ITestOutputHelper output)
    {
        _clerk = clerk.Clerk;
        _output = output;
    }

    public Task InitializeAsync()
    {
        _factory = new AitherFactory().WithOutput(_output).UseRealKestrel();
        _factory.Settings["CLERK_ISSUER"] = _clerk.Issuer.ToString().TrimEnd('/');
        _factory.Settings["CRON_SECRET"] = CronSecret;
        _factory.Settings["AUTH_FAILURE_LIMIT"] = "100000";
        _factory.ConfigureServices = services => services.AddSingleton<IStartupFilter>(new PathRecorder(_pathsSeenByApp));
        _factory.StartServer();
        _secrets = new()
        {
            ["admin"] = AitherFactory.AdminToken,
            ["cron"] = CronSecret,
            ["clerk"] = _clerk.CreateToken(new() { ["role"] = "admin" }),
        };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _factory.Pipeline.Succeed();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task HttpCorpus_EveryCase_NoServerErrorEnvelopeUnderApiNoSecretEchoed()
    {
        var failures = new List<string>();
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = _factory.RestAddress,
            Timeout = TestTimeouts.Guard,
        };
        foreach (var corpusCase in HostileCorpus.Read("http-requests.txt"))
        {
            try
            {
                using var request = BuildRequest(corpusCase.Text);
                using var response = await client.SendAsync(request);
                var body = await response.Content.ReadAsByteArrayAsync();
                var headers = string.Join("\n", response.Headers.Concat(response.Content.Headers).Select(h => $"{h.Key}: {string.Join(",", h.Value)}"));
                Check(corpusCase, (int)response.StatusCode, response.Headers.TryGetValues("X-Request-ID", out var ids) ? ids.Single() : null,
                    headers, body, request.Method == HttpMethod.Head, failures);
            }
            catch (HttpRequestException ex)
            {
                // The server may close a connection on a request it refuses outright; that is not a 5xx.
                _output.WriteLine($"{corpusCase}: connection ended ({ex.Message})");
            }
        }

        await AssertServiceAnswersNormallyAsync();
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task RawCorpus_EveryCase_NoServerErrorEnvelopeUnderApiNoSecretEchoed()
    {
        var failures = new List<string>();
        foreach (var corpusCase in HostileCorpus.Read("raw-requests.txt"))
        {
            var bytes = HostileCorpus.RawBytes(HostileCorpus.Expand(corpusCase.Text, _secrets));
            var answer = await SendRawAsync(bytes);
            foreach (var response in RawResponse.ParseAll(answer))
            {
                Check(corpusCase, response.Status, response.Header("X-Request-ID"), response.HeaderText, response.Body, isHead: false, failures);
            }

            if (HostileCorpus.Latin1(answer) is var text && _secrets.Values.Any(s => text.Contains(s, StringComparison.Ordinal)))
            {
                failures.Add($"{corpusCase}: the raw answer contains a secret");
            }
        }

        await AssertServiceAnswersNormallyAsync();
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private HttpRequestMessage BuildRequest(string line)
    {
        var parts = HostileCorpus.Expand(line, _secrets).Split(" | ");
        var start = parts[0].Split(' ', 2);
        var request = new HttpRequestMessage(new HttpMethod(start[0]), new Uri(start[1], UriKind.Relative));
        string? contentType = null;
        HttpContent? content = null;
        foreach (var header in parts.Skip(1))
        {
            var colon = header.IndexOf(':', StringComparison.Ordinal);
            var name = header[..colon];
            var value = header[(colon + 1)..].TrimStart();
            switch (name)
            {
                case "Body":
                    content = new ByteArrayContent(Encoding.UTF8.GetBytes(value));
                    break;
                case "Body-Bytes":
                    content = new ByteArrayContent(new byte[int.Parse(value, System.Globalization.CultureInfo.InvariantCulture)]);
                    break;
                case "Body-Chunked":
                    content = new StreamContent(new MemoryStream(new byte[int.Parse(value, System.Globalization.CultureInfo.InvariantCulture)]));
                    break;
                case "Content-Type":
                    contentType = value;
                    break;
                default:
                    Assert.True(request.Headers.TryAddWithoutValidation(name, value), $"HttpClient refuses the header in: {line}");
                    break;
            }
        }

        if (contentType is not null)
        {
            content ??= new ByteArrayContent([]);
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        if (content is StreamContent)
        {
            content.Headers.ContentLength = null;
        }

        request.Content = content;
        return request;
    }

    private void Check(HostileCorpus.Case corpusCase, int status, string? requestId, string headers, byte[] body, bool isHead, List<string> failures)
    {
        _output.WriteLine($"{status} {corpusCase}");
        // Kestrel's own 505 (an HTTP version it does not speak) is the protocol's answer, not a server fault.
        if (status >= 500 && !(status == 505 && requestId is null))
        {
            failures.Add($"{corpusCase}: answered {status}");
        }

        var text = HostileCorpus.Latin1(body);
        foreach (var (name, secret) in _secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal) || headers.Contains(secret, StringComparison.Ordinal))
            {
                failures.Add($"{corpusCase}: the answer contains the {name} secret");
            }
        }

        // An answer without X-Request-ID never reached the app (Kestrel refused the request itself).
        if (requestId is null || !_pathsSeenByApp.TryGetValue(requestId, out var path)
            || !new PathString(path).StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || isHead || status == 101)
        {
            return;
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            var success = root.GetProperty("success").GetBoolean();
            if (root.GetProperty("meta").GetProperty("requestId").GetString() != requestId)
            {
                failures.Add($"{corpusCase}: meta.requestId is not the X-Request-ID header");
            }

            if (success != status is >= 200 and < 300 || (!success && root.GetProperty("error").GetProperty("code").GetString() is not { Length: > 0 }))
            {
                failures.Add($"{corpusCase}: envelope does not match status {status}");
            }
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            failures.Add($"{corpusCase}: {status} under /api without the envelope: {text[..Math.Min(text.Length, 200)]}");
        }
    }

    private async Task<byte[]> SendRawAsync(byte[] request)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var timeout = new CancellationTokenSource(TestTimeouts.Guard);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, _factory.RestAddress!.Port), timeout.Token);
        using var answer = new MemoryStream();
        try
        {
            await socket.SendAsync(request, SocketFlags.None, timeout.Token);
            socket.Shutdown(SocketShutdown.Send);
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token)) > 0)
            {
                answer.Write(buffer, 0, read);
            }
        }
        catch (SocketException)
        {
            // A reset after a refused request: what arrived before it still counts.
        }

        return answer.ToArray();
    }

    private async Task AssertServiceAnswersNormallyAsync()
    {
        foreach (var (name, secret) in _secrets)
        {
            Assert.False(_factory.Logs.All.Contains(secret, StringComparison.Ordinal), $"The service log contains the {name} secret");
        }

        using var client = _factory.CreateAdminClient();
        using var health = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        _factory.Pipeline.Succeed();
        await _factory.Coordinator.WhenIdleAsync().Guarded();
        using var status = await client.GetAsync("/api/sync");
        Assert.True(status.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"GET /api/sync answered {status.StatusCode}");
        using var envelope = await JsonAssert.ReadEnvelopeAsync(status);
    }

    /// <summary>Remembers which path the app saw for each request id, so the test knows which answers came from under /api.</summary>
    private sealed class PathRecorder(ConcurrentDictionary<string, string> paths) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                var path = context.Request.Path.Value ?? "";
                // Registered first, so it runs last, after the request-id middleware has named the request.
                context.Response.OnStarting(() =>
                {
                    paths[context.TraceIdentifier] = path;
                    return Task.CompletedTask;
                });
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
