using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Aither.Service.State;

internal sealed class StateOptionsValidator : IValidateOptions<StateOptions>
{
    public ValidateOptionsResult Validate(string? name, StateOptions options)
    {
        var failures = new List<string>();
        if (options.Provider is not (StateOptions.Sqlite or StateOptions.Postgres))
        {
            failures.Add($"SYNC_STATE_PROVIDER must be 'sqlite' or 'postgres', got '{options.Provider}'.");
        }
        else if (options.Provider == StateOptions.Postgres)
        {
            if (string.IsNullOrWhiteSpace(options.Connection))
            {
                failures.Add("SYNC_STATE_CONNECTION must be an Npgsql connection string when SYNC_STATE_PROVIDER is 'postgres'.");
            }
            else if (!IsNpgsqlConnectionString(options.Connection))
            {
                // The value is not echoed: it may hold a password.
                failures.Add("SYNC_STATE_CONNECTION is not a valid Npgsql connection string.");
            }
        }

        if (options.HistoryLimit is < 1 or > 1_000_000)
        {
            failures.Add($"SYNC_HISTORY_LIMIT must be between 1 and 1000000, got '{options.HistoryLimit}'.");
        }

        if (options.RefreshMs is < 0 or > 60_000)
        {
            failures.Add($"SYNC_STATE_REFRESH_MS must be between 0 and 60000 milliseconds, got '{options.RefreshMs}'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Its own method, so that Npgsql is loaded only when PostgreSQL is chosen.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool IsNpgsqlConnectionString(string connection)
    {
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connection);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
