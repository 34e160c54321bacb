namespace Aither.Service.State;

/// <summary>Where sync jobs are kept. Bound from the environment variables named on each property.</summary>
public sealed class StateOptions
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    /// <summary><c>sqlite</c> (one file, one machine) or <c>postgres</c> (shared by every instance).</summary>
    [ConfigurationKeyName("SYNC_STATE_PROVIDER")]
    public string Provider { get; set; } = Sqlite;

    /// <summary>
    /// SQLite: a file path or a connection string; empty means <c>data/aither.db</c> beside the output directory.
    /// PostgreSQL: an Npgsql connection string (required).
    /// </summary>
    [ConfigurationKeyName("SYNC_STATE_CONNECTION")]
    public string? Connection { get; set; }

    /// <summary>How many of the newest jobs are kept; older ones are pruned when a job ends.</summary>
    [ConfigurationKeyName("SYNC_HISTORY_LIMIT")]
    public int HistoryLimit { get; set; } = 1000;

    /// <summary>
    /// How old this instance's copy of the latest job may get before a status read asks the store again. Only
    /// another process's changes wait for it: this instance's own writes refresh the copy at once.
    /// </summary>
    [ConfigurationKeyName("SYNC_STATE_REFRESH_MS")]
    public int RefreshMs { get; set; } = 1000;
}
