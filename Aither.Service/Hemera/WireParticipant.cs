using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Aither.Service.Hemera;

internal sealed class WireParticipant
{
    public WireField BookingId { get; set; }

    public WireField ParticipationId { get; set; }

    public WireField UserId { get; set; }

    public WireField Name { get; set; }

    public WireField ImageUrl { get; set; }

    public WireField Status { get; set; }

    public WireField PreparationIntent { get; set; }

    public WireField DesiredResults { get; set; }

    public WireField LineManagerProfile { get; set; }

    public WireField PreparationCompletedAt { get; set; }
}
