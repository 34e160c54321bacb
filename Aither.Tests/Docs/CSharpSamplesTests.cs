using System.Text.RegularExpressions;
using Aither.Tests.Infrastructure;

namespace Aither.Tests.Docs;

/// <summary>
/// Every ```csharp block in the READMEs and docs/ is a complete program: each is built as it is written against
/// Aither.Client, and the client sample runs against a started service. Each sample is built once for the class
/// (<see cref="SampleBuilds"/>).
/// </summary>
[LongRunning(8)]
public sealed partial class CSharpSamplesTests(SampleBuilds builds, ITestOutputHelper output) : IClassFixture<SampleBuilds>
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
        await BuildAsync(Blocks(document)[index]);
    }

    [Fact]
    public async Task ClientSample_AgainstAStartedService_RunsASyncToItsEnd()
    {
        var sample = Assert.Single(Blocks("README.md"), code => code.Contains("RunSyncAsync", StringComparison.Ordinal));
        var build = await BuildAsync(sample);
        await using var factory = new AitherFactory().WithOutput(output).UseRealKestrel();
        factory.StartServer();
        // Release the sync as soon as it runs, so the sample's wait ends at the service's own speed.
        _ = factory.Pipeline.Started.ContinueWith(_ => factory.Pipeline.Succeed(run => run.ReportFileGenerated()), TaskScheduler.Default);

        var (exitCode, stdout, stderr) = await SampleBuilds.RunAsync("dotnet", [build.Program], build.ProjectDirectory, new()
        {
            ["AITHER_ADDRESS"] = factory.GrpcAddress!.ToString(),
            ["AITHER_ADMIN_TOKEN"] = AitherFactory.AdminToken,
        });
        output.WriteLine(stdout);
        output.WriteLine(stderr);

        Assert.Equal(0, exitCode);
        Assert.Matches(@"^Sync sync-\d+: Success, 1 file\(s\) written, 0 error\(s\)$", stdout.Trim());
        Assert.Equal(1, factory.Pipeline.Runs);
    }

    /// <summary>The build of <paramref name="code"/> (made by this test or an earlier one of the class); fails unless it built.</summary>
    private async Task<SampleBuild> BuildAsync(string code)
    {
        var build = await builds.BuildAsync(code);
        output.WriteLine(build.Output);
        Assert.True(build.ExitCode == 0, $"The sample does not build as written:\n{code}\n{build.Output}");
        return build;
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
