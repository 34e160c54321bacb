using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Aither.Testing;

/// <summary>Hemera's id shape.</summary>
public static class HemeraIds
{
    /// <summary>A cuid: <c>c</c> followed by 24 lowercase letters and digits.</summary>
    public static bool IsCuid(string id) =>
        id.Length == 25 && id[0] == 'c' && id.Skip(1).All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterLower(c));

    /// <summary>A stable cuid-shaped id for test data number <paramref name="n"/>.</summary>
    public static string Cuid(int n) => "c" + n.ToString("D24", CultureInfo.InvariantCulture);
}
