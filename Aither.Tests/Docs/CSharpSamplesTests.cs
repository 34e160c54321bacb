using System.Diagnostics;
using System.Text.RegularExpressions;
using Aither.Tests.Infrastructure;

namespace Aither.Tests.Docs;

/// <summary>
/// Every ```csharp block in the READMEs and docs/ is a complete program: each is built as it is written against
/// Aither.Client, and the client sample runs against a started service.
/// </summary>
public sealed partial class CSharpSamplesTests(ITestOutputHelper output)
{
    private static readonly string[] Documents = ["README.md", "Aither.Client/README.md"];

    public static TheoryData<string, int> Samples()
    {
        var data = new TheoryData<string, int>();
        foreach (var document in AllDocuments())
        {
            for (var i = 0; i < Blocks(document).Count; i++)
            {
                data.Add(document, i);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Sample_AsWritten_Builds(string document, int index)
    {
        using var project = new TempDirectory();

        await BuildAsync(project, Blocks(document)[index]);
    }

    [Fact]
    public async Task ClientSample_AgainstAStartedService_RunsASyncToItsEnd()
    {
        var sample = Assert.Single(Blocks("README.md"), code => code.Contains("RunSyncAsync", StringComparison.Ordinal));
        using var project = new TempDirectory();
        var program = await BuildAsync(project, sample);
        await using var factory = new AitherFactory().WithOutput(output).UseRealKestrel();
        factory.StartServer();
        // Release the sync as soon as it runs, so the sample's wait ends at the service's own speed.
        _ = factory.Pipeline.Started.ContinueWith(_ => factory.Pipeline.Succeed(run => run.ReportFileGenerated()), TaskScheduler.Default);

        var (exitCode, stdout) = await RunAsync("dotnet", [program], project.Path, new()
        {
            ["AITHER_ADDRESS"] = factory.GrpcAddress!.ToString(),
            ["AITHER_ADMIN_TOKEN"] = AitherFactory.AdminToken,
        });

        Assert.Equal(0, exitCode);
        Assert.Matches(@"^Sync sync-\d+: Success, 1 file\(s\) written, 0 error\(s\)$", stdout.Trim());
        Assert.Equal(1, factory.Pipeline.Runs);
    }

    /// <summary>Builds <paramref name="code"/> as the Program.cs of a console app referencing Aither.Client; returns the built dll.</summary>
    private async Task<string> BuildAsync(TempDirectory project, string code)
    {
        var client = Path.Combine(ServiceProcess.SolutionRoot, "Aither.Client", "Aither.Client.csproj");
        await File.WriteAllTextAsync(project.Combine("Program.cs"), code);
        await File.WriteAllTextAsync(project.Combine("Sample.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="{client}" />
                <PackageReference Include="Microsoft.Extensions.DependencyInjection" Version="10.0.15" />
              </ItemGroup>
            </Project>
            """);

        var (exitCode, stdout) = await RunAsync("dotnet",
            ["build", "Sample.csproj", "-c", ServiceProcess.BuildConfiguration, "--nologo", "-v", "q", "-o", project.Combine("out")],
            project.Path, []);

        Assert.True(exitCode == 0, $"The sample does not build as written:\n{code}\n{stdout}");
        return project.Combine("out", "Sample.dll");
    }

    private async Task<(int ExitCode, string Stdout)> RunAsync(string file, string[] arguments, string directory, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            UseShellExecute = false,
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(ServiceProcess.StartGuard);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        var text = await stdout;
        output.WriteLine(text);
        output.WriteLine(await stderr);
        return (process.ExitCode, text);
    }

    private static IEnumerable<string> AllDocuments()
    {
        var docs = Path.Combine(ServiceProcess.SolutionRoot, "docs");
        return Documents.Concat(Directory.Exists(docs)
            ? Directory.EnumerateFiles(docs, "*.md", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(ServiceProcess.SolutionRoot, f))
            : []);
    }

    private static List<string> Blocks(string document) =>
        CSharpBlock().Matches(File.ReadAllText(Path.Combine(ServiceProcess.SolutionRoot, document)))
            .Select(m => m.Groups["code"].Value)
            .ToList();

    [GeneratedRegex(@"```csharp\r?\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
