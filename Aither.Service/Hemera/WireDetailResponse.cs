using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Aither.Service.Hemera;

internal sealed class WireDetailResponse
{
    public WireField Success { get; set; }

    public WireDetailData? Data { get; set { field = value; HasData = true; } }

    [JsonIgnore]
    public bool HasData { get; private set; }
}
