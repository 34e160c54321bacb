using System.Text.Json;
using System.Text.Json.Serialization;

namespace Aither.Service.Output;

internal sealed class ManifestDocument
{
    public int? FormatVersion { get; set; }

    public string? CourseId { get; set; }

    public string? Page { get; set; }

    public string? ContentHash { get; set; }

    public DateTimeOffset? GeneratedAt { get; set; }

    public string? JobId { get; set; }
}
