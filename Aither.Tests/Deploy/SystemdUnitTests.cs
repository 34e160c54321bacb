using Aither.Tests.Infrastructure;

namespace Aither.Tests.Deploy;

/// <summary>deploy/systemd/aither.service keeps the promises the README makes about it (CI also runs systemd-analyze verify).</summary>
public sealed class SystemdUnitTests
{
    private static readonly ILookup<string, string> Service = Read();

    [Fact]
    public void Unit_Sandbox_WritesOnlyOutputAndState()
    {
        Assert.Equal("strict", Single("ProtectSystem"));
        var writable = Single("ReadWritePaths").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["/var/lib/aither/output", "/var/lib/aither/state"], writable);
        Assert.Equal(["aither/output", "aither/state"], Single("StateDirectory").Split(' '));
        Assert.Contains("HTML_OUTPUT_DIR=/var/lib/aither/output", Service["Environment"]);
        // The SQLite state file, its -wal/-shm files and its lock file all live in the state folder.
        Assert.Contains("SYNC_STATE_CONNECTION=/var/lib/aither/state/aither.db", Service["Environment"]);
    }

    [Fact]
    public void Unit_UserSecretsAndRestart_AreAsDocumented()
    {
        Assert.True(Single("DynamicUser") == "yes" || Service["User"].Any(), "the unit must run as a dynamic or dedicated user");
        Assert.StartsWith("/etc/aither/", Single("EnvironmentFile"), StringComparison.Ordinal);
        Assert.Equal("on-failure", Single("Restart"));
        Assert.Contains("ASPNETCORE_ENVIRONMENT=Production", Service["Environment"]);
        Assert.Equal("/usr/bin/dotnet /srv/aither/Aither.Service.dll", Single("ExecStart"));
        // Secrets never sit in the unit itself.
        Assert.DoesNotContain(Service["Environment"], line => line.StartsWith("HEMERA_API_KEY", StringComparison.Ordinal)
            || line.StartsWith("AITHER_ADMIN_TOKEN", StringComparison.Ordinal));
    }

    private static string Single(string key) => Assert.Single(Service[key]);

    /// <summary>The [Service] section's key=value lines.</summary>
    private static ILookup<string, string> Read()
    {
        var section = "";
        var pairs = new List<(string Key, string Value)>();
        foreach (var raw in File.ReadAllLines(Path.Combine(ServiceProcess.SolutionRoot, "deploy", "systemd", "aither.service")))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith('['))
            {
                section = line;
            }
            else if (section == "[Service]")
            {
                var parts = line.Split('=', 2);
                pairs.Add((parts[0], parts[1]));
            }
        }

        return pairs.ToLookup(p => p.Key, p => p.Value, StringComparer.Ordinal);
    }
}
