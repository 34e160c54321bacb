namespace Aither.Tests.Infrastructure;

/// <summary>
/// Checks every answer a test receives from the REST face against the OpenAPI document the same server serves,
/// so the document cannot drift from the responses. Streaming answers (not application/json) are passed on unread.
/// </summary>
public sealed class OpenApiValidatingHandler : DelegatingHandler
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private OpenApiContract? _contract;

    public OpenApiValidatingHandler()
    {
    }

    public OpenApiValidatingHandler(HttpMessageHandler inner)
        : base(inner)
    {
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var path = request.RequestUri!.AbsolutePath;
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (!path.StartsWith("/api", StringComparison.OrdinalIgnoreCase) || (mediaType is not null && mediaType != "application/json"))
        {
            return response;
        }

        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var contract = await ContractAsync(request.RequestUri, cancellationToken);
        contract.AssertValid(request.Method, path, (int)response.StatusCode, mediaType, body);
        return response;
    }

    private async Task<OpenApiContract> ContractAsync(Uri requestUri, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_contract is null)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(requestUri, "/openapi/v1.json"));
                using var response = await base.SendAsync(request, cancellationToken);
                response.EnsureSuccessStatusCode();
                _contract = OpenApiContract.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            }

            return _contract;
        }
        finally
        {
            _gate.Release();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _gate.Dispose();
        }

        base.Dispose(disposing);
    }
}
