using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Aither.Service.Hemera;

internal sealed class WireCoursesResponse
{
    public WireField Success { get; set; }

    public WireCoursesData Data { get; set; }
}
