using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Aither.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Aither.Tests.Docs;

/// <summary>
/// The README's one configuration table and the service's settings stay in step: every key an options class binds
/// has a row, every row names a setting, and documented defaults are the options classes' defaults.
/// </summary>
public sealed partial class ConfigurationTableTests
{
    /// <summary>Settings read by ASP.NET Core itself, or by the host set-up before options exist.</summary>
    private static readonly string[] PlatformSettings =
    [
        "ASPNETCORE_ENVIRONMENT",
        Aither.Service.Hosting.AppHostOptions.DefaultEnvironmentVariable,
        "Kestrel__Endpoints__Rest__Url",
        "Kestrel__Endpoints__Grpc__Url",
        "ASPNETCORE_FORWARDEDHEADERS_ENABLED",
    ];

    [Fact]
    public void ConfigurationTable_EverySettingOfTheService_HasARow()
    {
        var rows = ConfigurationTable.Read();
        var documented = rows.SelectMany(row => row.Variables).ToHashSet(StringComparer.Ordinal);

        var missing = ServiceSettings().Where(setting => !documented.Contains(setting.Key)).ToList();
        var missingPlatform = PlatformSettings.Where(setting => !documented.Contains(setting)).ToList();

        Assert.True(missingPlatform.Count == 0, "README.md's configuration table has no row for " + string.Join(", ", missingPlatform));
        Assert.True(missing.Count == 0, string.Join('\n', missing.Select(setting =>
            $"README.md's configuration table (section '## Configuration') has no row for {setting.Key}, which "
            + $"{setting.Property.DeclaringType!.Name}.{setting.Property.Name} binds. Add this row to it: "
            + $"| `{setting.Key}` | {DefaultCell(setting)} | <what it does> | <required in Production: yes/no> |")));
    }

    [Fact]
    public void ConfigurationTable_EveryRow_IsASettingOfTheService()
    {
        var known = ServiceSettings().Select(setting => setting.Key).Concat(PlatformSettings).ToHashSet(StringComparer.Ordinal);

        var unknown = ConfigurationTable.Read().SelectMany(row => row.Variables).Where(variable => !known.Contains(variable)).ToList();

        Assert.True(unknown.Count == 0,
            "README.md's configuration table names settings no options class binds (remove the rows, or add them to "
            + $"{nameof(PlatformSettings)} in this test if ASP.NET Core reads them): {string.Join(", ", unknown)}");
    }

    [Fact]
    public void ConfigurationTable_Defaults_AreTheOptionsDefaults()
    {
        var rows = ConfigurationTable.Read();
        var wrong = new List<string>();
        foreach (var setting in ServiceSettings())
        {
            var row = rows.FirstOrDefault(r => r.Variables.Contains(setting.Key));
            if (row is null || Default(setting) is not { } value)
            {
                continue;
            }

            if (!row.Default.Contains($"`{value}`", StringComparison.Ordinal))
            {
                wrong.Add($"{setting.Key}: the Default column says '{row.Default}', but "
                    + $"{setting.Property.DeclaringType!.Name}.{setting.Property.Name} defaults to `{value}`.");
            }
        }

        Assert.True(wrong.Count == 0, "README.md's configuration table has stale defaults:\n" + string.Join('\n', wrong));
    }

    [Fact]
    public void ConfigurationTable_HasTheFourColumns()
    {
        var header = File.ReadAllLines(Readme.Path)
            .SkipWhile(line => line != "## Configuration")
            .First(line => line.StartsWith('|'));

        Assert.Equal("| Variable | Default | Meaning | Required in Production |", header);
    }

    private sealed record Setting(string Key, PropertyInfo Property);

    /// <summary>Every key bound through <see cref="ConfigurationKeyNameAttribute"/> in the service assembly.</summary>
    private static List<Setting> ServiceSettings() =>
        typeof(Program).Assembly.GetTypes()
            .SelectMany(type => type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(property => (Property: property, Attribute: property.GetCustomAttribute<ConfigurationKeyNameAttribute>()))
            .Where(p => p.Attribute is not null)
            .Select(p => new Setting(p.Attribute!.Name, p.Property))
            .GroupBy(setting => setting.Key, StringComparer.Ordinal)
            .Select(group => group.First())
            .OrderBy(setting => setting.Key, StringComparer.Ordinal)
            .ToList();

    /// <summary>The property's value on a freshly constructed options object, when it has a simple one.</summary>
    private static string? Default(Setting setting)
    {
        var type = setting.Property.DeclaringType!;
        if (type.GetConstructor(Type.EmptyTypes) is null)
        {
            return null;
        }

        var value = setting.Property.GetValue(Activator.CreateInstance(type));
        return value switch
        {
            null or "" => null,
            string text => text,
            IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
            _ => null,
        };
    }

    private static string DefaultCell(Setting setting) => Default(setting) is { } value ? $"`{value}`" : "–";

    /// <summary>The rows of the table that follows the README's "## Configuration" heading.</summary>
    private static partial class ConfigurationTable
    {
        public sealed record Row(IReadOnlyList<string> Variables, string Default);

        public static List<Row> Read()
        {
            var lines = File.ReadAllLines(Readme.Path);
            var heading = Array.IndexOf(lines, "## Configuration");
            Assert.True(heading >= 0, "README.md has no '## Configuration' heading");

            var table = lines.Skip(heading + 1)
                .SkipWhile(line => !line.StartsWith('|'))
                .TakeWhile(line => line.StartsWith('|'))
                .Skip(2) // header and separator
                .ToList();
            Assert.NotEmpty(table);

            return table.Select(line =>
            {
                var cells = line.Trim('|').Split(" | ");
                var variables = Variable().Matches(cells[0]).Select(m => m.Groups[1].Value).ToList();
                Assert.True(variables.Count > 0, $"README.md configuration row names no variable: {line}");
                return new Row(variables, cells[1]);
            }).ToList();
        }

        [GeneratedRegex("`([A-Za-z_][A-Za-z0-9_]*)`")]
        private static partial Regex Variable();
    }
}
