using System.Net;
using Aither.Service.Auth;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Aither.Tests.Auth;

public sealed class FailedAuthenticationLimiterTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    public void PartitionAddress_Address_CountsPerHostOrIpv6Prefix(string address, string expected)
    {
        Assert.Equal(expected, FailedAuthenticationLimiter.PartitionAddress(IPAddress.Parse(address)));
    }

    [Fact]
    public void PartitionAddress_NoAddress_IsUnknown()
    {
        Assert.Equal("unknown", FailedAuthenticationLimiter.PartitionAddress(null));
    }

    [Fact]
    public void RecordFailure_TwoPoliciesAndTwoAddresses_CountSeparately()
    {
        using var limiter = Create(limit: 2, new FakeTimeProvider());
        var first = IPAddress.Parse("192.0.2.1");
        var second = IPAddress.Parse("192.0.2.2");

        limiter.RecordFailure("api", first, out _);
        limiter.RecordFailure("api", first, out _);

        Assert.True(limiter.IsLimited("api", first, out _));
        Assert.False(limiter.IsLimited("api", second, out _));
        Assert.False(limiter.IsLimited("room", first, out _));
    }

    [Fact]
    public void IsLimited_WindowEnds_AddressMayTryAgain()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 10, 0, 30, TimeSpan.Zero));
        using var limiter = Create(limit: 1, time);
        var address = IPAddress.Parse("192.0.2.1");
        Assert.False(limiter.RecordFailure("api", address, out _));

        Assert.True(limiter.RecordFailure("api", address, out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(30), retryAfter);

        time.Advance(TimeSpan.FromSeconds(30));
        Assert.False(limiter.IsLimited("api", address, out _));
    }

    private static FailedAuthenticationLimiter Create(int limit, TimeProvider time) => new(
        Options.Create(new FailedAuthenticationLimitOptions { PermitLimit = limit, WindowSeconds = 60 }),
        time,
        NullLogger<FailedAuthenticationLimiter>.Instance);
}
