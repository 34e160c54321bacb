using System.Net;
using System.Net.Http.Headers;
using Aither.Service.Hemera;
using Microsoft.Extensions.Time.Testing;

namespace Aither.Tests.Hemera;

public sealed class HemeraRetryAfterTests
{
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(60);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 9, 15, 0, TimeSpan.Zero));

    [Fact]
    public void GetDelay_Seconds_ReturnsThem()
    {
        using var response = RateLimited(new RetryConditionHeaderValue(TimeSpan.FromSeconds(7)));

        Assert.Equal(TimeSpan.FromSeconds(7), HemeraRetryAfter.GetDelay(response, _time, Cap));
    }

    [Fact]
    public void GetDelay_HttpDate_ReturnsTimeUntilThen()
    {
        using var response = RateLimited(new RetryConditionHeaderValue(_time.GetUtcNow().AddSeconds(42)));

        Assert.Equal(TimeSpan.FromSeconds(42), HemeraRetryAfter.GetDelay(response, _time, Cap));
    }

    [Fact]
    public void GetDelay_HttpDateInThePast_ReturnsZero()
    {
        using var response = RateLimited(new RetryConditionHeaderValue(_time.GetUtcNow().AddMinutes(-5)));

        Assert.Equal(TimeSpan.Zero, HemeraRetryAfter.GetDelay(response, _time, Cap));
    }

    [Fact]
    public void GetDelay_LongerThanCap_ReturnsCap()
    {
        using var response = RateLimited(new RetryConditionHeaderValue(TimeSpan.FromHours(1)));

        Assert.Equal(Cap, HemeraRetryAfter.GetDelay(response, _time, Cap));
    }

    [Fact]
    public void GetDelay_RawHeaderInSeconds_IsParsed()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Retry-After", "3");

        Assert.Equal(TimeSpan.FromSeconds(3), HemeraRetryAfter.GetDelay(response, _time, Cap));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("soon")]
    public void GetDelay_NoUsableHeader_ReturnsNull(string? header)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        if (header is not null)
        {
            response.Headers.TryAddWithoutValidation("Retry-After", header);
        }

        Assert.Null(HemeraRetryAfter.GetDelay(response, _time, Cap));
    }

    private static HttpResponseMessage RateLimited(RetryConditionHeaderValue retryAfter)
    {
        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = retryAfter;
        return response;
    }
}
