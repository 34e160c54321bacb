using Aither.Service.Room;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Aither.Tests.Room;

public sealed class RoomOptionsTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("3601")]
    [InlineData("-5")]
    public void Validate_RefreshSecondsOutOfRange_FailsNamingTheVariable(string seconds)
    {
        var failure = StartupFailure(new() { ["ROOM_VIEWER_TOKENS"] = "viewer-token-0123456789", ["ROOM_REFRESH_SECONDS"] = seconds });

        Assert.Contains($"ROOM_REFRESH_SECONDS must be between 1 and 3600 seconds, got '{seconds}'.", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ShortViewerToken_FailsNamingTheVariableButNotTheToken()
    {
        var failure = StartupFailure(new() { ["ROOM_VIEWER_TOKENS"] = "viewer-token-0123456789, kiosk1" });

        Assert.Contains("ROOM_VIEWER_TOKENS: every token must have at least 16 characters; token(s) 2 are shorter.", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("kiosk1", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RefreshSecondsNotANumber_FailsNamingTheVariable()
    {
        var failure = StartupFailure(new() { ["ROOM_REFRESH_SECONDS"] = "soon" });

        Assert.Contains("ROOM_REFRESH_SECONDS", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, false, 30)]
    [InlineData("", false, 30)]
    [InlineData(" , ", false, 30)]
    [InlineData("viewer-token-0123456789", true, 30)]
    public void Bind_Defaults_RouteOffWithoutTokensAndThirtySeconds(string? tokens, bool enabled, int seconds)
    {
        var options = Options(new() { ["ROOM_VIEWER_TOKENS"] = tokens });

        Assert.Equal(enabled, options.Enabled);
        Assert.Equal(seconds, options.RefreshSeconds);
    }

    private static RoomOptions Options(Dictionary<string, string?> settings)
    {
        using var provider = Build(settings);
        return provider.GetRequiredService<IOptions<RoomOptions>>().Value;
    }

    private static string StartupFailure(Dictionary<string, string?> settings)
    {
        using var provider = Build(settings);
        var failure = Assert.ThrowsAny<Exception>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        return failure.Message;
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddAitherRoom();
        return builder.Services.BuildServiceProvider();
    }
}
