using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Aither.Service.Hemera;

internal sealed class WireDetailData
{
    public WireField Id { get; set; }

    public WireField Title { get; set; }

    public WireField Slug { get; set; }

    public WireField Level { get; set; }

    public WireField StartDate { get; set; }

    public WireField EndDate { get; set; }

    public List<WireNode<WireParticipant>>? Participants { get; set { field = value; HasParticipants = true; } }

    [JsonIgnore]
    public bool HasParticipants { get; private set; }

    /// <summary>The legacy shape <c>data.course</c>.</summary>
    public WireDetailData? Course { get; set { field = value; HasCourse = true; } }

    [JsonIgnore]
    public bool HasCourse { get; private set; }
}
