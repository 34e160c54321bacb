using System.Text.RegularExpressions;

namespace Aither.Tests.Deploy;

/// <summary>Reads the method and the URL of the one curl call in a shell command.</summary>
internal static partial class Curl
{
    public static (string Method, string Path) MethodAndPath(string command)
    {
        var curl = command[command.IndexOf("curl ", StringComparison.Ordinal)..];
        var method = Method().Match(curl) is { Success: true } explicitMethod ? explicitMethod.Groups[1].Value : "GET";
        var url = Url().Match(curl);
        Assert.True(url.Success, $"no URL in '{command}'");
        return (method, new Uri(url.Value).AbsolutePath);
    }

    [GeneratedRegex(@"(?:-X|--request)\s+([A-Z]+)")]
    private static partial Regex Method();

    [GeneratedRegex(@"https?://[^\s""']+")]
    public static partial Regex Url();
}
