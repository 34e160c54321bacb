using System.Net;
using System.Text;
using Aither.Tests.Infrastructure;

namespace Aither.Tests.Api;

/// <summary>Envelope error messages reach the client as written, checked on the raw bytes of the body.</summary>
public sealed class EnvelopeEncodingTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Unauthenticated_Message_IsWrittenWithoutUnicodeEscapes()
    {
        await using var factory = new AitherFactory().WithOutput(output);

        using var response = await factory.CreateClient().PostAsync("/api/sync", null);
        var body = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("\"message\":\"Missing or invalid credentials: send 'Authorization: Bearer <token>'\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u00", body, StringComparison.Ordinal);
    }
}
