using System.Data.Common;
using System.Globalization;
using System.Reflection;

namespace Aither.Service.State;

/// <summary>
/// The numbered <c>NNNN_name.sql</c> scripts embedded for one provider, applied in order, each in its own
/// transaction together with its row in <c>schema_version</c>.
/// </summary>
internal static class SchemaMigrations
{
    public const string VersionTableSql =
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at_ms BIGINT NOT NULL)";

    /// <summary>The scripts of <paramref name="provider"/> (<c>Sqlite</c> or <c>Postgres</c>), by version.</summary>
    public static IReadOnlyList<(int Version, string Sql)> Load(string provider)
    {
        var assembly = Assembly.GetExecutingAssembly();
        var prefix = $"Aither.Service.State.{provider}.Migrations.";
        var scripts = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name =>
            {
                var file = name[prefix.Length..];
                var version = int.Parse(file.AsSpan(0, file.IndexOf('_', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
                using var stream = assembly.GetManifestResourceStream(name)!;
                using var reader = new StreamReader(stream);
                return (Version: version, Sql: reader.ReadToEnd());
            })
            .OrderBy(script => script.Version)
            .ToArray();
        for (var i = 0; i < scripts.Length; i++)
        {
            if (scripts[i].Version != i + 1)
            {
                throw new InvalidOperationException($"State migrations of {provider} must be numbered 1, 2, 3, … without gaps.");
            }
        }

        return scripts;
    }

    /// <summary>The highest applied version; 0 for a database without the table.</summary>
    public static async Task<int> CurrentVersionAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var create = connection.CreateCommand();
        create.Transaction = transaction;
        create.CommandText = VersionTableSql;
        await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

        await using var query = connection.CreateCommand();
        query.Transaction = transaction;
        query.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
        return Convert.ToInt32(await query.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    /// <summary>Applies <paramref name="script"/> and records it, inside <paramref name="transaction"/>.</summary>
    public static async Task ApplyAsync(
        DbConnection connection,
        DbTransaction transaction,
        (int Version, string Sql) script,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var apply = connection.CreateCommand();
        apply.Transaction = transaction;
        apply.CommandText = script.Sql;
        await apply.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

        await using var record = connection.CreateCommand();
        record.Transaction = transaction;
        record.CommandText = "INSERT INTO schema_version (version, applied_at_ms) VALUES (@version, @now)";
        Add(record, "version", script.Version);
        Add(record, "now", now.ToUnixTimeMilliseconds());
        await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public static string TooNew(int found, int known) =>
        $"SYNC_STATE_CONNECTION: the state database has schema version {found}, newer than this build of Aither knows ({known}); run a newer Aither or point SYNC_STATE_CONNECTION at another database.";

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
