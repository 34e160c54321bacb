using Microsoft.Extensions.Options;

namespace Aither.Service.Auth;

/// <summary>The static bearer secrets from <see cref="AuthOptions"/>: admin tokens and the cron secret.</summary>
internal sealed class AdminCredentials(IOptions<AuthOptions> options)
{
    public TokenSet AdminTokens { get; } = new(options.Value.AdminTokenList);

    public TokenSet CronSecrets { get; } = new([options.Value.CronSecret ?? ""]);
}
