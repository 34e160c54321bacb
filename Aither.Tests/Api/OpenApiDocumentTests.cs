using System.Net;
using System.Reflection;
using System.Text.Json.Nodes;
using Aither.Service.Api;
using Aither.Service.Api.Rest;
using Aither.Tests.Infrastructure;
using Grpc.Core;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Aither.Tests.Api;

/// <summary>
/// The OpenAPI document of the REST face. Every answer the REST tests receive is also checked against it
/// (<see cref="OpenApiValidatingHandler"/>); these tests check the document itself and that the check can fail.
/// They only read, so they share one service with the default settings; the test that turns the room page on
/// starts a service of its own.
/// </summary>
public sealed class OpenApiDocumentTests(SharedAitherFactory shared, ITestOutputHelper output) : IClassFixture<SharedAitherFactory>
{
    private readonly AitherFactory _factory = shared.For(output);

    private Task<OpenApiContract> ContractAsync() => ContractAsync(_factory);

    private static async Task<OpenApiContract> ContractAsync(AitherFactory factory)
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return OpenApiContract.Parse(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Document_WithoutCredentials_IsOpenApi3WithEnvelopeAndAuthSchemes()
    {
        var document = (await ContractAsync()).Document;

        Assert.StartsWith("3.0.", document["openapi"]!.GetValue<string>());
        var schemes = document["components"]!["securitySchemes"]!.AsObject();
        Assert.Equal(["adminToken", "clerkSession", "cronSecret", "roomViewerBasic", "roomViewerBearer"], schemes.Select(s => s.Key).Order());
        Assert.Equal("JWT", schemes["clerkSession"]!["bearerFormat"]!.GetValue<string>());
        var envelope = document["components"]!["schemas"]!["SyncJobEnvelope"]!;
        Assert.Equal(["data", "meta", "success"], envelope["required"]!.AsArray().Select(r => r!.GetValue<string>()).Order());
        Assert.False(envelope["additionalProperties"]!.GetValue<bool>());
        var cron = document["paths"]!["/api/cron/sync"]!["get"]!;
        Assert.Equal(["adminToken", "clerkSession", "cronSecret"], cron["security"]!.AsArray().Select(r => r!.AsObject().Single().Key));
        Assert.Equal(["adminToken", "clerkSession"], document["paths"]!["/api/sync"]!["post"]!["security"]!.AsArray().Select(r => r!.AsObject().Single().Key));
        Assert.Equal(["200", "202"], cron["responses"]!.AsObject().Select(r => r.Key).Where(k => k.StartsWith('2')).Order());
        Assert.Contains("Starts a sync in the background", document["paths"]!["/api/sync"]!["post"]!["summary"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("The id of the sync", document["components"]!["schemas"]!["SyncJob"]!["properties"]!["jobId"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Document_EveryTranscodedRoute_IsDescribed()
    {
        // Transcoding names route parameters after proto fields (job_id), the document after their JSON names (jobId).
        static string Shape(string path) => System.Text.RegularExpressions.Regex.Replace(path, "{[^}]+}", "{}");
        var paths = (await ContractAsync()).Document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Select(o => (Method: o.Key, Path: Shape(p.Key))))
            .ToHashSet();
        var routes = _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<GrpcJsonTranscodingMetadata>() is not null)
            .SelectMany(e => e.Metadata.GetRequiredMetadata<IHttpMethodMetadata>().HttpMethods.Select(m => (Method: m.ToLowerInvariant(), Path: e.RoutePattern.RawText!)))
            .ToList();

        Assert.NotEmpty(routes);
        Assert.All(routes, route => Assert.True(
            paths.Contains((route.Method, Shape(route.Path))),
            $"{route.Method.ToUpperInvariant()} {route.Path} is transcoded but missing from /openapi/v1.json"));
    }

    [Fact]
    public async Task Document_RoomPage_IsDescribedWithItsAnswersAndViewerSchemes()
    {
        var document = (await ContractAsync()).Document;

        var room = document["paths"]!["/room"]!;
        foreach (var method in new[] { "get", "head" })
        {
            var operation = room[method]!;
            var responses = operation["responses"]!.AsObject();
            Assert.Equal(["200", "304", "401", "403", "404", "429", "503"], responses.Select(r => r.Key).Order());
            Assert.NotNull(responses["200"]!["headers"]!["ETag"]);
            Assert.NotNull(responses["304"]!["headers"]!["ETag"]);
            Assert.Contains("Basic realm=\"Aither\"", responses["401"]!["headers"]!["WWW-Authenticate"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal("integer", responses["429"]!["headers"]!["Retry-After"]!["schema"]!["type"]!.GetValue<string>());
            Assert.Equal(
                ["adminToken", "clerkSession", "roomViewerBasic", "roomViewerBearer"],
                operation["security"]!.AsArray().Select(r => r!.AsObject().Single().Key).Order());
        }

        Assert.Equal("string", room["get"]!["responses"]!["200"]!["content"]!["text/html"]!["schema"]!["type"]!.GetValue<string>());
        Assert.Null(room["head"]!["responses"]!["200"]!["content"]);
        var schemes = document["components"]!["securitySchemes"]!;
        Assert.Equal("basic", schemes["roomViewerBasic"]!["scheme"]!.GetValue<string>());
        Assert.Equal("bearer", schemes["roomViewerBearer"]!["scheme"]!.GetValue<string>());
        var root = document["paths"]!["/"]!["get"]!;
        Assert.Equal(["302", "404"], root["responses"]!.AsObject().Select(r => r.Key).Order());
        Assert.NotNull(root["responses"]!["302"]!["headers"]!["Location"]);
    }

    [Fact]
    public async Task Document_RoomPageAnswers_AreTheOnesItLists()
    {
        await using var factory = new AitherFactory().WithOutput(output);
        factory.Settings["ROOM_VIEWER_TOKENS"] = RoomHost.ViewerToken;
        var contract = await ContractAsync(factory);
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var answers = new List<(HttpMethod Method, string Path, HttpResponseMessage Response)>();
        async Task SendAsync(HttpMethod method, string path, string? authorization = null, string? ifNoneMatch = null)
        {
            using var request = new HttpRequestMessage(method, path);
            if (authorization is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", authorization);
            }

            if (ifNoneMatch is not null)
            {
                request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
            }

            answers.Add((method, path, await client.SendAsync(request)));
        }

        await SendAsync(HttpMethod.Get, "/room", "Bearer " + RoomHost.ViewerToken);
        await SendAsync(HttpMethod.Head, "/room", "Bearer " + RoomHost.ViewerToken, answers[0].Response.Headers.ETag!.Tag);
        await SendAsync(HttpMethod.Get, "/room");
        await SendAsync(HttpMethod.Get, "/");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.NotModified, HttpStatusCode.Unauthorized, HttpStatusCode.Redirect], answers.Select(a => a.Response.StatusCode));
        foreach (var (method, path, response) in answers)
        {
            using (response)
            {
                contract.AssertValid(method, path, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
            }
        }
    }

    [Fact]
    public async Task Document_EveryExample_MatchesItsOwnSchema()
    {
        var contract = await ContractAsync();
        var checkedExamples = 0;
        foreach (var (template, item) in contract.Document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                foreach (var (status, response) in operation!["responses"]!.AsObject())
                {
                    var example = response!["content"]?["application/json"]?["example"];
                    if (example is null)
                    {
                        continue;
                    }

                    var code = status == "default" ? 500 : int.Parse(status, System.Globalization.CultureInfo.InvariantCulture);
                    contract.AssertValid(new HttpMethod(method), template.Replace("{", "x", StringComparison.Ordinal).Replace("}", "", StringComparison.Ordinal), code, "application/json", example.ToJsonString());
                    checkedExamples++;
                }
            }
        }

        Assert.True(checkedExamples >= 10, $"only {checkedExamples} examples");
    }

    [Fact]
    public async Task Validator_AnswerTheDocumentDoesNotDescribe_Fails()
    {
        var contract = await ContractAsync();
        const string meta = "\"meta\":{\"requestId\":\"req-1\",\"timestamp\":\"2026-12-04T06:30:00.000Z\"}";
        const string job = "\"jobId\":\"sync-1\",\"status\":\"running\",\"startTime\":\"2026-12-04T06:30:00.000Z\"";

        contract.AssertValid(HttpMethod.Post, "/api/sync", 202, "application/json", $"{{\"success\":true,\"data\":{{{job}}},{meta}}}");
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() =>
            contract.AssertValid(HttpMethod.Post, "/api/sync", 202, "application/json", $"{{\"success\":true,\"data\":{{{job},\"extra\":1}},{meta}}}"));
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() =>
            contract.AssertValid(HttpMethod.Post, "/api/sync", 202, "application/json", $"{{\"success\":true,\"data\":{{{job.Replace("running", "success", StringComparison.Ordinal)}}},{meta}}}"));
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() =>
            contract.AssertValid(HttpMethod.Post, "/api/sync", 200, "application/json", $"{{\"success\":true,\"data\":{{{job}}},{meta}}}"));
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() =>
            contract.AssertValid(HttpMethod.Post, "/api/sync", 409, "application/json", $"{{\"success\":false,\"error\":{{\"code\":\"NO_SYNC_JOB\",\"message\":\"m\"}},{meta}}}"));
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() =>
            contract.AssertValid(HttpMethod.Get, "/api/sync", 404, "application/json", $"{{\"success\":false,\"error\":{{\"code\":\"NO_SYNC_JOB\",\"message\":\"m\"}},\"meta\":{{\"requestId\":\"req-1\",\"timestamp\":\"yesterday\"}}}}"));
    }

    [Fact]
    public async Task ErrorCatalog_EveryCodeTheEnvelopeCanSend_IsDocumentedWithItsStatus()
    {
        var documented = (await ContractAsync()).Document["components"]!["schemas"]!["ErrorCode"]!["enum"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
        Assert.Equal(ApiErrorCatalog.Codes.Select(c => c.Code), documented);

        var produced = Enum.GetValues<StatusCode>().Where(c => c != StatusCode.OK)
            .Select(c => ApiError.FromRpc(new RpcException(new Status(c, "m"))))
            .Concat(Enumerable.Range(400, 200).Select(s => ApiError.FromStatusCode(s, default)))
            .Concat(typeof(ApiErrors).GetMethods(BindingFlags.Public | BindingFlags.Static)
                .Where(m => m.ReturnType == typeof(RpcException))
                .Select(m => ApiError.FromRpc((RpcException)m.Invoke(null, m.GetParameters().Select(p => p.ParameterType == typeof(TimeSpan) ? (object)TimeSpan.FromSeconds(1) : "sync-1").ToArray())!)));
        Assert.All(produced, error =>
        {
            var entry = ApiErrorCatalog.Codes.FirstOrDefault(c => c.Code == error.Code);
            Assert.True(entry is not null, $"{error.Code} ({error.StatusCode}) is not in the error catalog");
            Assert.True(entry.StatusCode == error.StatusCode || (entry.StatusCode is null && error.StatusCode is >= 400 and < 500), $"{error.Code} is documented with {entry.StatusCode}, sent with {error.StatusCode}");
        });
    }

    [Fact]
    public async Task SwaggerUi_OutsideDevelopment_IsNotServed()
    {
        using var client = _factory.CreateClient();
        using var response = await client.GetAsync("/swagger/index.html");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
