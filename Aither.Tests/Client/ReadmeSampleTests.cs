using System.Text.RegularExpressions;
using Aither.Client;
using Aither.Tests.Infrastructure;

namespace Aither.Tests.Client;

/// <summary>The README's sample is the code in <see cref="ReadmeSample"/>, and that code runs against the real service.</summary>
public sealed partial class ReadmeSampleTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("README.md", "## Aither.Client (for .NET callers)")]
    [InlineData("Aither.Client/README.md", "## Usage")]
    public void Readme_UsageSample_IsTheTestedCode(string readme, string heading)
    {
        var root = SolutionRoot();
        var markdown = File.ReadAllText(Path.Combine(root, readme));
        var section = markdown.IndexOf(heading, StringComparison.Ordinal);
        Assert.True(section >= 0, $"{readme} has no '{heading}' section");
        var block = CSharpBlock().Match(markdown, section);
        Assert.True(block.Success, $"{readme} has no ```csharp block after '{heading}'");

        var source = File.ReadAllText(Path.Combine(root, "Aither.Tests", "Client", "ReadmeSample.cs"));
        var region = SampleRegion().Match(source);
        Assert.True(region.Success, "ReadmeSample.cs has no <readme-sample> region");

        Assert.Equal(Normalise(region.Groups["code"].Value), Normalise(block.Groups["code"].Value));
    }

    [Fact]
    public async Task ReadmeSample_AgainstTheService_RunsASyncToItsEnd()
    {
        await using var factory = new AitherFactory().WithOutput(output).UseRealKestrel();
        factory.StartServer();
        // Release the sync as soon as it runs, so the sample's wait ends at the service's own speed.
        _ = factory.Pipeline.Started.ContinueWith(_ => factory.Pipeline.Succeed(run => run.ReportFileGenerated()), TaskScheduler.Default);

        var job = await ReadmeSample.RunAsync(factory.GrpcAddress!, AitherFactory.AdminToken).Guarded();

        Assert.Equal(AitherSyncStatus.Success, job.Status);
        Assert.Equal(1, job.FilesGenerated);
        Assert.Equal(1, factory.Pipeline.Runs);
    }

    private static string Normalise(string code) =>
        string.Join('\n', code.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0));

    private static string SolutionRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Aither.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds Aither.sln.");
    }

    [GeneratedRegex(@"```csharp\r?\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    [GeneratedRegex(@"// <readme-sample>\r?\n(?<code>.*?)// </readme-sample>", RegexOptions.Singleline)]
    private static partial Regex SampleRegion();
}
