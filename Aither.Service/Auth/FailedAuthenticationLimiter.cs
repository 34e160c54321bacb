using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Aither.Service.Monitoring;
using Microsoft.Extensions.Options;

namespace Aither.Service.Auth;

/// <summary>
/// Counts failed authentications per client address with the platform's partitioned fixed-window limiter, one
/// counter set per named policy (the API has <see cref="FailedAuthenticationLimitPolicies.Api"/>; another route
/// or scheme can use its own name or share one). An address that used up its failures is refused before its
/// credentials are even checked, until the window ends: otherwise a correct guess would still get through and the
/// limit would not slow guessing at all. Successful authentications never count, and other addresses are never
/// affected.
/// </summary>
/// <remarks>
/// The windows are fixed, aligned to multiples of the window length on <see cref="TimeProvider"/>'s clock: the
/// window number is part of the partition key, because the limiter itself measures time with its own stopwatch.
/// IPv6 addresses count per /64, which one host or customer usually holds in full.
/// </remarks>
public sealed partial class FailedAuthenticationLimiter : IDisposable
{
    private readonly FailedAuthenticationLimitOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<FailedAuthenticationLimiter> _logger;
    private readonly IErrorReporter? _errors;
    private readonly PartitionedRateLimiter<PartitionKey> _limiter;
    private readonly ConcurrentDictionary<(string Policy, string Address), long> _reportedWindows = new();

    public FailedAuthenticationLimiter(
        IOptions<FailedAuthenticationLimitOptions> options,
        TimeProvider time,
        ILogger<FailedAuthenticationLimiter> logger,
        IErrorReporter? errors = null)
    {
        _errors = errors;
        _options = options.Value;
        _time = time;
        _logger = logger;
        var limiterOptions = new FixedWindowRateLimiterOptions
        {
            PermitLimit = _options.PermitLimit,
            // The partition of a window is abandoned when the window ends; this only lets the limiter free it.
            Window = _options.Window,
            QueueLimit = 0,
        };
        _limiter = PartitionedRateLimiter.Create<PartitionKey, PartitionKey>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => limiterOptions));
    }

    /// <summary>True while <paramref name="address"/> has used up its failures in the current window; <paramref name="retryAfter"/> says until when.</summary>
    public bool IsLimited(string policy, IPAddress? address, out TimeSpan retryAfter)
    {
        var (key, windowEnd) = Key(policy, address);
        using var lease = _limiter.AttemptAcquire(key, 0);
        return Limited(key, windowEnd, lease, out retryAfter);
    }

    /// <summary>Counts one failed authentication. True when it went over the limit: answer 429 instead of 401.</summary>
    public bool RecordFailure(string policy, IPAddress? address, out TimeSpan retryAfter)
    {
        var (key, windowEnd) = Key(policy, address);
        using var lease = _limiter.AttemptAcquire(key, 1);
        return Limited(key, windowEnd, lease, out retryAfter);
    }

    /// <summary>The address as counted: IPv4 (also when IPv4-mapped), the /64 prefix of IPv6, or <c>unknown</c>.</summary>
    public static string PartitionAddress(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    public void Dispose() => _limiter.Dispose();

    private bool Limited(PartitionKey key, DateTimeOffset windowEnd, RateLimitLease lease, out TimeSpan retryAfter)
    {
        retryAfter = windowEnd - _time.GetUtcNow();
        if (lease.IsAcquired)
        {
            return false;
        }

        // One log line and one report per burst, however many requests are refused or race over the limit.
        if (TryClaimBurst(key))
        {
            Log.BurstStarted(_logger, key.Address, key.Policy, _options.PermitLimit, _options.WindowSeconds, windowEnd);
            _errors?.ReportAuthRateLimited(new FailedAuthenticationBurst(key.Policy, key.Address, _options.PermitLimit, _options.Window, windowEnd));
        }

        return true;
    }

    private (PartitionKey Key, DateTimeOffset WindowEnd) Key(string policy, IPAddress? address)
    {
        var windowTicks = _options.Window.Ticks;
        var window = _time.GetUtcNow().UtcTicks / windowTicks;
        return (new PartitionKey(policy, PartitionAddress(address), window), new DateTimeOffset((window + 1) * windowTicks, TimeSpan.Zero));
    }

    /// <summary>Exactly one caller per address and window wins, however many requests race over the limit.</summary>
    private bool TryClaimBurst(PartitionKey key)
    {
        var claimed = false;
        _reportedWindows.AddOrUpdate(
            (key.Policy, key.Address),
            _ =>
            {
                claimed = true;
                return key.Window;
            },
            (_, reported) =>
            {
                claimed = reported < key.Window;
                return Math.Max(reported, key.Window);
            });
        if (claimed)
        {
            foreach (var (entryKey, window) in _reportedWindows)
            {
                if (window < key.Window)
                {
                    _reportedWindows.TryRemove(KeyValuePair.Create(entryKey, window));
                }
            }
        }

        return claimed;
    }

    // A class, not a struct: the limiter's generic code is then the framework's shared, precompiled instantiation
    // instead of about 70 methods compiled at start-up for a struct key.
    private sealed record PartitionKey(string Policy, string Address, long Window);

    private static partial class Log
    {
        [LoggerMessage(EventId = 403, EventName = "FailedAuthenticationLimiter.BurstStarted", Level = LogLevel.Warning,
            Message = "auth.rate-limited clientAddress={ClientAddress} policy={Policy}: {PermitLimit} failed authentications within {WindowSeconds} s; calls from this address get 429 until {WindowEnd:O}")]
        public static partial void BurstStarted(ILogger logger, string clientAddress, string policy, int permitLimit, int windowSeconds, DateTimeOffset windowEnd);
    }
}
