using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Aither.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL server for the tests that need one: initdb into a temporary folder, pg_ctl on a free
/// loopback port with a private socket folder (as the <c>postgres</c> user when the tests run as root), stopped
/// and deleted at the end. Each test takes a database of its own with <see cref="CreateDatabaseAsync"/>.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private const string BinariesRoot = "/usr/lib/postgresql";

    private readonly string _root = Directory.CreateTempSubdirectory("aither-pg-").FullName;
    private string _bin = "";
    private int _databases;

    public int Port { get; } = LoopbackPorts.Next();

    private string DataDirectory => Path.Combine(_root, "data");

    private string SocketDirectory => Path.Combine(_root, "socket");

    private static bool IsRoot => Environment.UserName == "root";

    public async Task InitializeAsync()
    {
        _bin = FindBinaries();
        Directory.CreateDirectory(SocketDirectory);
        if (IsRoot)
        {
            // The server refuses to run as root; the folder must belong to the account that runs it.
            await RunAsync("chown", ["-R", "postgres:postgres", _root]);
        }

        await RunServerToolAsync("initdb", ["-D", DataDirectory, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8", "--locale=C"]);
        await RunServerToolAsync("pg_ctl", [
            "-D", DataDirectory,
            "-l", Path.Combine(_root, "server.log"),
            "-o", $"-p {Port.ToString(CultureInfo.InvariantCulture)} -k {SocketDirectory} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=200",
            "-w", "-t", "60", "start"]);
    }

    public async Task DisposeAsync()
    {
        try
        {
            await RunServerToolAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"]);
        }
        finally
        {
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>The connection string of a new, empty database.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"aither_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}"[..40];
        await using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            // From PostgreSQL 15 the default copies the template through the WAL; copying its files is about three
            // times faster for the tiny template (the server runs with fsync off, so the checkpoint it takes is cheap).
            command.CommandText = connection.PostgreSqlVersion.Major >= 15 ? $"CREATE DATABASE {name} STRATEGY FILE_COPY" : $"CREATE DATABASE {name}";
            await command.ExecuteNonQueryAsync();
        }

        return ConnectionString(name);
    }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username=postgres;Database={database};Timeout=5";

    private static string FindBinaries()
    {
        var initdb = Directory.Exists(BinariesRoot)
            ? Directory.GetDirectories(BinariesRoot)
                .Select(version => Path.Combine(version, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "pg_ctl")))
                .OrderByDescending(bin => bin, StringComparer.Ordinal)
                .FirstOrDefault()
            : null;
        return initdb ?? throw new InvalidOperationException(
            $"The PostgreSQL tests need the PostgreSQL server binaries (initdb, pg_ctl under {BinariesRoot}/<version>/bin). "
            + "Install the Debian package 'postgresql' (./test.sh installs it when missing).");
    }

    private Task RunServerToolAsync(string tool, IEnumerable<string> arguments)
    {
        var path = Path.Combine(_bin, tool);
        return IsRoot ? RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments]) : RunAsync(path, arguments);
    }

    private static async Task RunAsync(string fileName, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await stderr}{await stdout}");
        }
    }
}
