using System.Xml.Linq;
using Google.Protobuf.Reflection;

namespace Aither.Service.Api.OpenApi;

/// <summary>
/// The proto comments as the C# generator wrote them into the XML docs of the compiled proto. gRPC's Swagger
/// support puts them on operations only; the envelope's <c>data</c> schemas take them from here.
/// </summary>
internal sealed class ProtoComments
{
    private readonly Dictionary<string, string> _summaries;

    private ProtoComments(Dictionary<string, string> summaries) => _summaries = summaries;

    public static ProtoComments Load(string? xmlPath)
    {
        var summaries = new Dictionary<string, string>(StringComparer.Ordinal);
        if (xmlPath is not null && File.Exists(xmlPath))
        {
            foreach (var member in XDocument.Load(xmlPath).Descendants("member"))
            {
                if (member.Attribute("name")?.Value is { } name && member.Element("summary")?.Value is { } summary)
                {
                    summaries[name] = Clean(summary);
                }
            }
        }

        return new ProtoComments(summaries);
    }

    public string? For(MessageDescriptor message) => _summaries.GetValueOrDefault("T:" + message.ClrType.FullName);

    /// <summary>The generator names the property after the field in PascalCase, as its JSON name with the first letter raised.</summary>
    public string? For(FieldDescriptor field) =>
        _summaries.GetValueOrDefault("P:" + field.ContainingType.ClrType.FullName + "." + char.ToUpperInvariant(field.JsonName[0]) + field.JsonName[1..]);

    /// <summary>Drops the XML indentation but keeps paragraph breaks.</summary>
    public static string Clean(string text)
    {
        var lines = text.Split('\n').Select(l => l.Trim()).ToList();
        return string.Join('\n', lines).Trim().Replace("\n\n", "\u2029", StringComparison.Ordinal).Replace('\n', ' ').Replace("\u2029", "\n\n", StringComparison.Ordinal);
    }
}
