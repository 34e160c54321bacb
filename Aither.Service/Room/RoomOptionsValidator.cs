using Microsoft.Extensions.Options;

namespace Aither.Service.Room;

internal sealed class RoomOptionsValidator : IValidateOptions<RoomOptions>
{
    /// <summary>A viewer token is a password typed into a kiosk once; shorter ones are guessable despite the rate limit.</summary>
    public const int MinimumTokenLength = 16;

    public const int MaximumRefreshSeconds = 3600;

    public ValidateOptionsResult Validate(string? name, RoomOptions options)
    {
        var failures = new List<string>();
        var tokens = options.ViewerTokenList;
        if (tokens.Any(t => t.Length < MinimumTokenLength))
        {
            // The value itself is a secret, so only its position is named.
            var positions = tokens.Select((t, i) => (t, i)).Where(x => x.t.Length < MinimumTokenLength).Select(x => x.i + 1);
            failures.Add($"ROOM_VIEWER_TOKENS: every token must have at least {MinimumTokenLength} characters; token(s) {string.Join(", ", positions)} are shorter.");
        }

        if (options.RefreshSeconds is < 1 or > MaximumRefreshSeconds)
        {
            failures.Add($"ROOM_REFRESH_SECONDS must be between 1 and {MaximumRefreshSeconds} seconds, got '{options.RefreshSeconds}'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
