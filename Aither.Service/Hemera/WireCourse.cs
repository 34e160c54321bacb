using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Aither.Service.Hemera;

internal sealed class WireCourse
{
    public WireField Id { get; set; }

    public WireField Title { get; set; }

    public WireField Slug { get; set; }

    public WireField Level { get; set; }

    public WireField StartDate { get; set; }

    public WireField EndDate { get; set; }

    public WireField ParticipantCount { get; set; }
}
